import type { DataSource } from 'typeorm';
import { loadConfig } from '../../../../config.js';
import { createDataSource } from '../../../../db/data-source.js';

/**
 * The hub's data source (its entities and migrations include the job backend's). `migrate: false` for
 * extra processes on a migrated database.
 */
export async function openJobDataSource(databaseUrl: string, { migrate = true } = {}): Promise<DataSource> {
  const dataSource = createDataSource(loadConfig({ DATABASE_URL: databaseUrl }));
  await dataSource.initialize();
  if (migrate) await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
