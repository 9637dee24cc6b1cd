import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectNeutral, json, ref, text } from '../migration-helpers.js';

/** Catalog runs pause (merchant, out of credits) and name their saved preset; items keep alt text and variant links. */
export class CatalogRunPause1735010000000 implements MigrationInterface {
  name = 'CatalogRunPause1735010000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const runner = dialectNeutral(queryRunner);
    await runner.addColumn('catalog_runs', new TableColumn(text('paused_reason', 32, true)));
    await runner.addColumn('catalog_runs', new TableColumn(ref('preset_id', true)));
    await queryRunner.createIndex('catalog_runs', new TableIndex({ columnNames: ['status', 'paused_reason'] }));
    await runner.addColumn('catalog_run_items', new TableColumn({ name: 'alt', type: 'text', isNullable: true }));
    await runner.addColumn('catalog_run_items', new TableColumn(json('variant_ids', true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('catalog_run_items', 'variant_ids');
    await queryRunner.dropColumn('catalog_run_items', 'alt');
    const table = await queryRunner.getTable('catalog_runs');
    const index = table?.indices.find((candidate) => candidate.columnNames.join() === 'status,paused_reason');
    if (index) await queryRunner.dropIndex('catalog_runs', index);
    await queryRunner.dropColumn('catalog_runs', 'preset_id');
    await queryRunner.dropColumn('catalog_runs', 'paused_reason');
  }
}
