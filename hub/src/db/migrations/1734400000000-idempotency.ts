import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectNeutral, id, int, ref, text, time } from '../migration-helpers.js';

/** Idempotency-Key records: fingerprint, in-flight lock and the stored response. */
export class Idempotency1734400000000 implements MigrationInterface {
  name = 'Idempotency1734400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await dialectNeutral(queryRunner).createTable(
      new Table({
        name: 'idempotency_records',
        columns: [
          id(),
          ref('organization_id'),
          text('idempotency_key', 255),
          text('fingerprint', 64),
          text('status', 16),
          time('locked_until'),
          int('response_status', undefined, true),
          { name: 'response_headers', type: 'text', isNullable: true },
          text('body_encoding', 8, true),
          { name: 'body_inline', type: 'text', isNullable: true },
          text('body_blob', 255, true),
          time('created_at'),
          time('expires_at'),
        ],
        indices: [
          new TableIndex({ columnNames: ['organization_id', 'idempotency_key'], isUnique: true }),
          new TableIndex({ columnNames: ['expires_at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_records');
  }
}
