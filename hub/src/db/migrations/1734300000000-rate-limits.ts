import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectNeutral, int } from '../migration-helpers.js';

/** Token buckets of the per-key rate limits, shared by every process. */
export class RateLimits1734300000000 implements MigrationInterface {
  name = 'RateLimits1734300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await dialectNeutral(queryRunner).createTable(
      new Table({
        name: 'rate_limit_buckets',
        columns: [
          { name: 'bucket', type: 'varchar', length: '191', isPrimary: true },
          { name: 'tokens', type: 'double' },
          { name: 'updated_at', type: 'bigint' },
          int('granted'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rate_limit_buckets');
  }
}
