import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectNeutral, id, int, ref, text, time } from '../migration-helpers.js';

/** Results of image operations (sync outputs and task outputs) and the usage log's label (presetLabel). */
export class Results1733610000000 implements MigrationInterface {
  name = 'Results1733610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const runner = dialectNeutral(queryRunner);
    await runner.createTable(
      new Table({
        name: 'results',
        columns: [
          id(),
          ref('organization_id'),
          ref('key_id', true),
          ref('task_id', true),
          text('operation', 64),
          text('blob_key', 255),
          text('filename', 255),
          text('content_type', 100),
          int('width', undefined, true),
          int('height', undefined, true),
          int('bytes'),
          { name: 'metadata', type: 'text' },
          time('created_at'),
          time('expires_at'),
          time('purged_at', true),
        ],
        indices: [
          new TableIndex({ columnNames: ['organization_id', 'created_at'] }),
          new TableIndex({ columnNames: ['expires_at'] }),
          new TableIndex({ columnNames: ['task_id'] }),
        ],
      }),
    );
    await runner.addColumn('api_usage_logs', new TableColumn(text('label', 100, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('api_usage_logs', 'label');
    await queryRunner.dropTable('results');
  }
}
