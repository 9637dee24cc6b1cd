import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectNeutral, int, json, ref, text, time } from '../migration-helpers.js';

/**
 * The catalog for the Shopify app: vendor, type, status and collections per product (filters and
 * facets, with indexes for 10,000-product catalogs), and the compliance check of every synced image.
 */
export class CatalogFilters1734810000000 implements MigrationInterface {
  name = 'CatalogFilters1734810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const runner = dialectNeutral(queryRunner);
    for (const column of [
      text('vendor', 255, true),
      text('product_type', 255, true),
      text('status', 16, true),
      json('collections', true),
      int('compliance_fails', 0),
      int('compliance_passes', 0),
    ])
      await runner.addColumn('catalog_items', new TableColumn(column));
    for (const columns of [
      ['integration_id', 'vendor', 'updated_at'],
      ['integration_id', 'product_type', 'updated_at'],
      ['integration_id', 'status', 'updated_at'],
    ])
      await queryRunner.createIndex('catalog_items', new TableIndex({ columnNames: columns }));
    await runner.createTable(
      new Table({
        name: 'catalog_item_collections',
        columns: [
          { ...ref('item_id'), isPrimary: true },
          { ...text('collection_id', 255), isPrimary: true },
          ref('integration_id'),
          text('title', 255),
        ],
        indices: [
          new TableIndex({ columnNames: ['integration_id', 'collection_id'] }),
          new TableIndex({ columnNames: ['collection_id', 'item_id'] }),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'catalog_image_checks',
        columns: [
          { ...ref('item_id'), isPrimary: true },
          { ...text('image_id', 255), isPrimary: true },
          ref('integration_id'),
          { name: 'url', type: 'text' },
          text('content_hash', 64, true),
          text('amazon', 8),
          text('google', 8),
          text('shopify', 8),
          text('error', 64, true),
          time('checked_at'),
        ],
        indices: [new TableIndex({ columnNames: ['integration_id', 'checked_at'] })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'image_verdicts',
        columns: [
          { ...ref('integration_id'), isPrimary: true },
          { ...text('content_hash', 64), isPrimary: true },
          text('amazon', 8),
          text('google', 8),
          text('shopify', 8),
          json('failures'),
          time('checked_at'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('image_verdicts');
    await queryRunner.dropTable('catalog_image_checks');
    await queryRunner.dropTable('catalog_item_collections');
    const table = await queryRunner.getTable('catalog_items');
    for (const index of table?.indices ?? []) {
      if (['vendor', 'product_type', 'status'].includes(index.columnNames[1] ?? ''))
        await queryRunner.dropIndex('catalog_items', index);
    }
    for (const column of ['compliance_passes', 'compliance_fails', 'collections', 'status', 'product_type', 'vendor'])
      await queryRunner.dropColumn('catalog_items', column);
  }
}
