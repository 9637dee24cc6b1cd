import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectNeutral, id, ref, text, time } from '../migration-helpers.js';

/** Saved automation presets. */
export class Presets1734600000000 implements MigrationInterface {
  name = 'Presets1734600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await dialectNeutral(queryRunner).createTable(
      new Table({
        name: 'presets',
        columns: [
          id(),
          ref('organization_id'),
          text('name', 100),
          text('operation', 64),
          { name: 'params', type: 'text' },
          text('webhook_url', 2048, true),
          { name: 'webhook_events', type: 'text', isNullable: true },
          { name: 'webhook_secret_sealed', type: 'text', isNullable: true },
          time('created_at'),
          time('updated_at'),
        ],
        indices: [new TableIndex({ columnNames: ['organization_id', 'name'], isUnique: true })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('presets');
  }
}
