import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, dialectNeutral, id, json, ref, text, time } from '../migration-helpers.js';

/** The Shopify app's hub link: installations and one-time link codes / sign-in tokens. */
export class AppLink1735000000000 implements MigrationInterface {
  name = 'AppLink1735000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const tables = dialectNeutral(queryRunner);
    await tables.createTable(
      new Table({
        name: 'app_installations',
        columns: [
          id(),
          text('app', 16),
          text('shop', 255),
          ref('organization_id'),
          ref('integration_id'),
          bool('created_organization'),
          ref('user_id', true),
          text('status', 16),
          json('scopes'),
          ref('live_key_id', true),
          ref('test_key_id', true),
          text('shop_name', 100, true),
          text('email', 254, true),
          time('created_at'),
          time('updated_at'),
          time('uninstalled_at', true),
        ],
        indices: [
          new TableIndex({ columnNames: ['app', 'shop'], isUnique: true }),
          new TableIndex({ columnNames: ['organization_id'] }),
        ],
      }),
    );
    await tables.createTable(
      new Table({
        name: 'app_link_tokens',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          text('kind', 16),
          ref('organization_id'),
          ref('user_id'),
          time('created_at'),
          time('expires_at'),
          time('used_at', true),
        ],
        indices: [new TableIndex({ columnNames: ['organization_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('app_link_tokens');
    await queryRunner.dropTable('app_installations');
  }
}
