import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectNeutral, id, int, ref, text, time } from '../migration-helpers.js';

/** Synced marketplace catalogs: their products and the sync state per integration. */
export class Catalog1733710000000 implements MigrationInterface {
  name = 'Catalog1733710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const runner = dialectNeutral(queryRunner);
    await runner.createTable(
      new Table({
        name: 'catalog_items',
        columns: [
          id(),
          ref('organization_id'),
          ref('integration_id'),
          text('product_id', 255),
          text('title', 255),
          { name: 'skus', type: 'text' },
          { name: 'variants', type: 'text' },
          { name: 'images', type: 'text' },
          time('updated_at'),
          time('synced_at'),
        ],
        indices: [
          new TableIndex({ columnNames: ['integration_id', 'product_id'], isUnique: true }),
          new TableIndex({ columnNames: ['integration_id', 'updated_at'] }),
          new TableIndex({ columnNames: ['organization_id', 'updated_at'] }),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'catalog_syncs',
        columns: [
          { ...ref('integration_id'), isPrimary: true },
          ref('organization_id'),
          text('status', 16),
          text('mode', 16),
          text('strategy', 16, true),
          int('fetched', 0),
          int('total', undefined, true),
          int('products', 0),
          int('removed', 0),
          time('requested_at'),
          time('started_at', true),
          time('finished_at', true),
          time('last_success_at', true),
          time('watermark', true),
          { name: 'error', type: 'text', isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('catalog_syncs');
    await queryRunner.dropTable('catalog_items');
  }
}
