import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectNeutral, id, ref, text, time } from '../migration-helpers.js';

/** Marketplace integrations: sealed credentials, their masked form, verify status. */
export class Integrations1733700000000 implements MigrationInterface {
  name = 'Integrations1733700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await dialectNeutral(queryRunner).createTable(
      new Table({
        name: 'integrations',
        columns: [
          id(),
          ref('organization_id'),
          text('marketplace', 32),
          text('name', 100),
          { name: 'credentials_sealed', type: 'text' },
          { name: 'credentials_masked', type: 'text' },
          text('status', 16),
          text('account', 255, true),
          time('verified_at', true),
          { name: 'last_error', type: 'text', isNullable: true },
          time('created_at'),
          time('updated_at'),
        ],
        indices: [new TableIndex({ columnNames: ['organization_id', 'created_at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('integrations');
  }
}
