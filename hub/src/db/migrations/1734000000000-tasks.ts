import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectNeutral, id, int, ref, text, time } from '../migration-helpers.js';

/** Async tasks: one row per submitted operation, the agenda job that runs it, its callback settings. */
export class Tasks1734000000000 implements MigrationInterface {
  name = 'Tasks1734000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await dialectNeutral(queryRunner).createTable(
      new Table({
        name: 'tasks',
        columns: [
          id(),
          ref('organization_id'),
          ref('key_id', true),
          ref('user_id', true),
          text('operation', 64),
          text('endpoint', 64),
          text('api', 16),
          { name: 'params', type: 'text' },
          text('status', 16),
          int('progress', 0),
          int('attempts', 0),
          { name: 'inputs', type: 'text' },
          ref('result_id', true),
          text('error_code', 64, true),
          text('error_message', 1000, true),
          text('webhook_url', 2048, true),
          { name: 'webhook_events', type: 'text', isNullable: true },
          { name: 'webhook_secret', type: 'text', isNullable: true },
          text('job_id', 64, true),
          time('cancel_requested_at', true),
          time('notified_at', true),
          time('created_at'),
          time('updated_at'),
          time('started_at', true),
          time('finished_at', true),
          time('expires_at', true),
          time('purged_at', true),
        ],
        indices: [
          new TableIndex({ columnNames: ['organization_id', 'created_at'] }),
          new TableIndex({ columnNames: ['organization_id', 'status', 'created_at'] }),
          new TableIndex({ columnNames: ['status', 'created_at'] }),
          new TableIndex({ columnNames: ['notified_at'] }),
          new TableIndex({ columnNames: ['expires_at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('tasks');
  }
}
