import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectNeutral, id, int, ref, text, time } from '../migration-helpers.js';

/** Credit reservations of async tasks (reserve at submit, capture on success, release otherwise). */
export class Credits1734500000000 implements MigrationInterface {
  name = 'Credits1734500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await dialectNeutral(queryRunner).createTable(
      new Table({
        name: 'credit_reservations',
        columns: [id(), ref('organization_id'), ref('task_id'), text('operation', 64), int('amount'), text('status', 16), time('created_at'), time('settled_at', true)],
        indices: [new TableIndex({ columnNames: ['task_id'], isUnique: true }), new TableIndex({ columnNames: ['status', 'created_at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('credit_reservations');
  }
}
