import { DataSource, type DataSourceOptions } from 'typeorm';
import { loadConfig } from '../../../config.js';
import { createDataSource, entities, migrations } from '../../../db/data-source.js';
import { jobEntities, jobMigrations } from '../index.js';

/**
 * The hub's data source (same driver options as `createDataSource`) with the job backend's entity and
 * migration added, as the hub will wire it. `migrate: false` for extra processes on a migrated database.
 */
export async function openJobDataSource(databaseUrl: string, { migrate = true } = {}): Promise<DataSource> {
  const base = createDataSource(loadConfig({ DATABASE_URL: databaseUrl }));
  const dataSource = new DataSource({
    ...base.options,
    entities: [...entities, ...jobEntities],
    migrations: [...migrations, ...jobMigrations],
  } as DataSourceOptions);
  await dataSource.initialize();
  if (migrate) await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
