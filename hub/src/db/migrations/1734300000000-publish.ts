import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectNeutral, id, int, json, ref, text, time } from '../migration-helpers.js';

/** Direct publishes to marketplaces: the job's state and the publish activity. */
export class Publish1734300000000 implements MigrationInterface {
  name = 'Publish1734300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await dialectNeutral(queryRunner).createTable(
      new Table({
        name: 'publish_events',
        columns: [
          id(),
          ref('organization_id'),
          ref('key_id', true),
          ref('user_id', true),
          ref('integration_id'),
          text('marketplace', 32),
          text('product_id', 255),
          text('product_title', 255, true),
          ref('result_id'),
          ref('task_id', true),
          text('status', 16),
          int('position', undefined, true),
          text('replace_image_id', 255, true),
          text('alt', 512, true),
          json('variant_ids'),
          json('image', true),
          json('replaced', true),
          json('warnings'),
          json('error', true),
          time('created_at'),
          time('started_at', true),
          time('finished_at', true),
          time('notified_at', true),
        ],
        indices: [
          new TableIndex({ columnNames: ['organization_id', 'created_at'] }),
          new TableIndex({ columnNames: ['organization_id', 'integration_id', 'created_at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('publish_events');
  }
}
