import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, dialectNeutral, id, int, json, ref, text, time } from '../migration-helpers.js';

/** Bulk processing of synced catalogs: runs, their items, and the (parameters, content) already processed. */
export class CatalogRuns1734310000000 implements MigrationInterface {
  name = 'CatalogRuns1734310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const runner = dialectNeutral(queryRunner);
    await runner.createTable(
      new Table({
        name: 'catalog_runs',
        columns: [
          id(),
          ref('organization_id'),
          ref('key_id', true),
          ref('user_id', true),
          ref('integration_id'),
          text('operation', 32),
          json('params'),
          text('preset', 32, true),
          text('images', 8),
          bool('publish'),
          bool('replace'),
          text('status', 16),
          json('error', true),
          time('created_at'),
          time('started_at', true),
          time('finished_at', true),
        ],
        indices: [new TableIndex({ columnNames: ['organization_id', 'created_at'] })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'catalog_run_items',
        columns: [
          id(),
          ref('run_id'),
          ref('organization_id'),
          int('seq'),
          text('product_id', 255),
          text('image_id', 255),
          { name: 'image_url', type: 'text' },
          int('position'),
          text('status', 16),
          text('content_hash', 64, true),
          ref('task_id', true),
          ref('result_id', true),
          ref('publish_id', true),
          bool('published'),
          bool('reused'),
          json('error', true),
          time('updated_at'),
        ],
        indices: [
          new TableIndex({ columnNames: ['run_id', 'seq'], isUnique: true }),
          new TableIndex({ columnNames: ['run_id', 'status', 'seq'] }),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'processed_images',
        columns: [
          id(),
          ref('organization_id'),
          text('params_hash', 64),
          text('content_hash', 64),
          text('role', 8),
          ref('result_id'),
          time('created_at'),
        ],
        indices: [
          new TableIndex({ columnNames: ['organization_id', 'params_hash', 'content_hash'], isUnique: true }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('processed_images');
    await queryRunner.dropTable('catalog_run_items');
    await queryRunner.dropTable('catalog_runs');
  }
}
