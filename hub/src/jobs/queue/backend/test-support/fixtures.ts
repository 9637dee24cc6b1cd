import type { JobParameters } from 'agenda';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test-support/test-database.js';
import { TypeormJobRepository } from '../typeorm-job-repository.js';
import { openJobDataSource } from './job-data-source.js';

export interface JobTestContext {
  database: TestDatabase;
  dataSource: DataSource;
  repository: TypeormJobRepository;
}

/** A fresh migrated database (SQLite, or MariaDB with TEST_DATABASE_URL) and a repository on it. */
export async function openJobTestContext(): Promise<JobTestContext> {
  const database = await createTestDatabase();
  const dataSource = await openJobDataSource(database.url);
  return { database, dataSource, repository: new TypeormJobRepository(dataSource) };
}

export async function closeJobTestContext(context: JobTestContext | undefined): Promise<void> {
  await context?.dataSource.destroy();
  await context?.database.drop();
}

/** A job as agenda's `create()` + `schedule()` would hand it to the repository. */
export function newJob(overrides: Partial<JobParameters> = {}): JobParameters {
  return { name: 'test-job', priority: 0, nextRunAt: new Date(), type: 'normal', data: {}, ...overrides };
}

export const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000);
export const secondsFromNow = (seconds: number) => new Date(Date.now() + seconds * 1000);
