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
    // TypeORM's mysql driver misreads MariaDB's `NULL` default and proposes re-declaring nullable
    // columns exactly as they are; those statements change nothing and are not drift.
    const noOpNullable = /^ALTER TABLE `\w+` CHANGE `(\w+)` `\1` [a-z]+(\(\d+\))? NULL$/;
    // Restating a column makes TypeORM drop the composite indexes over it first; those it manages it
    // would recreate, and the ones it must not touch (`synchronize: false`, e.g. agenda's claim index
    // with its DESC column) only show up as that drop.
    const unmanaged = dataSource.entityMetadatas.flatMap((entity) =>
      entity.indices.filter((index) => index.synchronize === false).map((index) => index.name),
    );
    const unmanagedDrop = (query: string) => unmanaged.some((name) => query.startsWith(`DROP INDEX \`${name}\``));
    const queries = pending.upQueries
      .map((query) => query.query)
      .filter((query) => !noOpNullable.test(query) && !unmanagedDrop(query));
    // A managed index dropped and created again exactly as the database has it (same columns, same
    // uniqueness) is part of that restatement, not drift.
    const recreated = await unchangedIndexes(dataSource, queries);
    expect(queries.filter((query) => !recreated.has(indexNameOf(query) ?? ''))).toEqual([]);
  });

  it('running migrations again is a no-op', async () => {
    const applied = await dataSource.runMigrations();
    expect(applied).toEqual([]);
  });
});

const indexNameOf = (query: string) => /^(?:DROP|CREATE(?: UNIQUE)?) INDEX `(\w+)`/.exec(query)?.[1];

/** Names of indexes both dropped and created by `queries` whose database definition equals the entity's. */
async function unchangedIndexes(dataSource: DataSource, queries: string[]): Promise<Set<string>> {
  const dropped = new Set(queries.filter((query) => query.startsWith('DROP INDEX')).map(indexNameOf));
  const names = new Set<string>();
  const runner = dataSource.createQueryRunner();
  try {
    for (const query of queries) {
      const create = /^CREATE (UNIQUE )?INDEX `(\w+)` ON `(\w+)`/.exec(query);
      if (!create || !dropped.has(create[2])) continue;
      const [, unique, name, tableName] = create as unknown as [string, string | undefined, string, string];
      const existing = (await runner.getTable(tableName))?.indices.find((index) => index.name === name);
      const declared = dataSource.getMetadata(tableName).indices.find((index) => index.name === name);
      const same =
        existing &&
        declared &&
        existing.isUnique === Boolean(unique) &&
        declared.isUnique === Boolean(unique) &&
        existing.columnNames.join() === declared.columns.map((column) => column.databaseName).join();
      if (same) names.add(name);
    }
  } finally {
    await runner.release();
  }
  return names;
}
