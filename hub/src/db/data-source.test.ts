import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../config.js';
import { openDatabase } from './data-source.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';

describe('database schema', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openDatabase(loadConfig({ DATABASE_URL: database.url }));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('applies every migration and leaves nothing for synchronize to change', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('running migrations again is a no-op', async () => {
    const applied = await dataSource.runMigrations();
    expect(applied).toEqual([]);
  });
});
