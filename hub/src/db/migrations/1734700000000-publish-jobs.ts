import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectNeutral, text } from '../migration-helpers.js';

/** Publishes name the job that owns them, and the recovery sweep finds stale queued ones by status and age. */
export class PublishJobs1734700000000 implements MigrationInterface {
  name = 'PublishJobs1734700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await dialectNeutral(queryRunner).addColumn('publish_events', new TableColumn(text('job_id', 64, true)));
    await queryRunner.createIndex(
      'publish_events',
      new TableIndex({ columnNames: ['status', 'created_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const table = await queryRunner.getTable('publish_events');
    const index = table?.indices.find((candidate) => candidate.columnNames.join() === 'status,created_at');
    if (index) await queryRunner.dropIndex('publish_events', index);
    await queryRunner.dropColumn('publish_events', 'job_id');
  }
}
