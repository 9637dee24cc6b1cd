import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

const varchar = (name: string, length: number, nullable = false, primary = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
  isPrimary: primary,
});
const time = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const int = (name: string): TableColumnOptions => ({ name, type: 'int', default: 0 });
const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean' });

/** Every table of the app: sessions, shops, jobs and items, webhook events, tasks, automation, fingerprints. */
export class Initial1764600000000 implements MigrationInterface {
  name = 'Initial1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    const create = (table: Table) => {
      // Written once for both dialects; each driver spells the types its own way (SQLite: int → integer).
      for (const column of table.columns) column.type = runner.connection.driver.normalizeType({ type: column.type as never, length: column.length });
      return runner.createTable(table);
    };
    await create(
      new Table({
        name: 'shopify_sessions',
        columns: [
          varchar('id', 255, false, true),
          varchar('shop', 255),
          varchar('state', 255),
          bool('is_online'),
          text('scope', true),
          time('expires', true),
          text('access_token_sealed', true),
          text('refresh_token_sealed', true),
          time('refresh_token_expires', true),
          text('online_access_info', true),
          time('updated_at'),
        ],
        indices: [new TableIndex({ columnNames: ['shop'] })],
      }),
    );
    await create(
      new Table({
        name: 'shops',
        columns: [
          varchar('shop', 255, false, true),
          varchar('status', 16),
          varchar('hub_organization_id', 64, true),
          varchar('hub_integration_id', 64, true),
          text('live_key_sealed', true),
          text('test_key_sealed', true),
          text('scopes', true),
          time('linked_at', true),
          time('uninstalled_at', true),
          time('first_job_at', true),
          time('first_publish_at', true),
          time('created_at'),
          time('updated_at'),
        ],
      }),
    );
    await create(
      new Table({
        name: 'jobs',
        columns: [
          varchar('id', 32, false, true),
          varchar('shop', 255),
          varchar('hub_run_id', 64),
          varchar('preset_id', 64),
          varchar('preset_name', 200),
          varchar('images', 8),
          bool('auto_publish'),
          varchar('origin', 16),
          varchar('status', 16),
          varchar('paused_reason', 32, true),
          text('error', true),
          time('created_at'),
          time('finished_at', true),
        ],
        indices: [new TableIndex({ columnNames: ['hub_run_id'], isUnique: true }), new TableIndex({ columnNames: ['shop', 'created_at'] })],
      }),
    );
    await create(
      new Table({
        name: 'job_items',
        columns: [
          varchar('id', 32, false, true),
          varchar('job_id', 32),
          varchar('shop', 255),
          varchar('hub_item_id', 64),
          varchar('product_id', 255),
          varchar('product_title', 512, true),
          varchar('image_id', 255),
          text('image_url'),
          int('position'),
          text('alt', true),
          text('variant_ids'),
          varchar('status', 16),
          varchar('result_id', 64, true),
          varchar('review', 16),
          varchar('publish', 16),
          varchar('publish_event_id', 64, true),
          varchar('published_image_id', 255, true),
          text('error', true),
          time('updated_at'),
        ],
        indices: [new TableIndex({ columnNames: ['job_id', 'hub_item_id'], isUnique: true }), new TableIndex({ columnNames: ['shop', 'product_id'] })],
      }),
    );
    await create(
      new Table({
        name: 'webhook_events',
        columns: [
          varchar('id', 32, false, true),
          varchar('event_id', 255),
          varchar('topic', 64),
          varchar('shop', 255),
          text('payload'),
          varchar('status', 16),
          int('attempts'),
          time('run_after'),
          time('locked_until', true),
          text('outcome', true),
          time('received_at'),
          time('processed_at', true),
        ],
        indices: [
          new TableIndex({ columnNames: ['event_id'], isUnique: true }),
          new TableIndex({ columnNames: ['shop'] }),
          new TableIndex({ columnNames: ['status', 'run_after'] }),
        ],
      }),
    );
    await create(
      new Table({
        name: 'app_tasks',
        columns: [
          varchar('id', 32, false, true),
          varchar('shop', 255),
          varchar('kind', 32),
          text('payload'),
          varchar('status', 16),
          int('attempts'),
          time('run_after'),
          time('locked_until', true),
          text('outcome', true),
          time('created_at'),
        ],
        indices: [new TableIndex({ columnNames: ['shop'] }), new TableIndex({ columnNames: ['status', 'run_after'] })],
      }),
    );
    await create(
      new Table({
        name: 'automation_settings',
        columns: [varchar('shop', 255, false, true), bool('enabled'), varchar('preset_id', 64, true), varchar('mode', 16), time('updated_at')],
      }),
    );
    await create(
      new Table({
        name: 'product_fingerprints',
        columns: [varchar('shop', 255, false, true), varchar('product_id', 255, false, true), text('known_media_ids'), varchar('fingerprint', 64), time('updated_at')],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['product_fingerprints', 'automation_settings', 'app_tasks', 'webhook_events', 'job_items', 'jobs', 'shops', 'shopify_sessions']) {
      await runner.dropTable(table);
    }
  }
}
