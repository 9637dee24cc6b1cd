import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectNeutral, time } from '../migration-helpers.js';

/** Publishes can be undone: when the original was put back. */
export class PublishRestore1735020000000 implements MigrationInterface {
  name = 'PublishRestore1735020000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await dialectNeutral(queryRunner).addColumn('publish_events', new TableColumn(time('restored_at', true) as never));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('publish_events', 'restored_at');
  }
}
