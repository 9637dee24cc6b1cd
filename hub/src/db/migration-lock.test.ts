import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../config.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { createDataSource, migrations } from './data-source.js';
import { MigrationLockTimeoutError, withMigrationLock } from './migration-lock.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `openDatabase` in its own OS process; resolves with its exit code and stderr. */
function openInProcess(url: string): Promise<{ code: number | null; stderr: string }> {
  const script = `
    const { openDatabase } = await import(${JSON.stringify(path.join(root, 'hub/src/db/data-source.ts'))});
    const { loadConfig } = await import(${JSON.stringify(path.join(root, 'hub/src/config.ts'))});
    const db = await openDatabase(loadConfig({ DATABASE_URL: process.env.URL }));
    await db.destroy();`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    // eslint-disable-next-line no-restricted-properties -- the child inherits the test environment
    env: { ...process.env, URL: url, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.check.json') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

describe('migration lock', () => {
  let database: TestDatabase;
  const opened: DataSource[] = [];
  const source = async () => {
    const dataSource = createDataSource(loadConfig({ DATABASE_URL: database.url }));
    await dataSource.initialize();
    opened.push(dataSource);
    return dataSource;
  };
  const config = () => loadConfig({ DATABASE_URL: database.url }).database;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const dataSource of opened.splice(0)) if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
  });

  it('lets three processes started at once on a fresh database all come up, each migration applied once', async () => {
    const results = await Promise.all([
      openInProcess(database.url),
      openInProcess(database.url),
      openInProcess(database.url),
    ]);
    expect(results.map((result) => [result.code, result.code === 0 ? '' : result.stderr])).toEqual([
      [0, ''],
      [0, ''],
      [0, ''],
    ]);
    const check = await source();
    const applied = (await check.query('SELECT name FROM migrations')) as Array<{ name: string }>;
    expect(applied.map((row) => row.name).sort()).toEqual(
      migrations.map((migration) => migration.name).sort(),
    );
    expect(await check.showMigrations()).toBe(false);
  }, 120_000);

  it('holds the second migrator until the first is done (separate connections)', async () => {
    const [first, second] = [await source(), await source()];
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const one = withMigrationLock(first, config(), async () => {
      events.push('first in');
      await held;
      events.push('first out');
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const two = withMigrationLock(second, config(), async () => {
      events.push('second in');
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(events).toEqual(['first in']);
    release();
    await Promise.all([one, two]);
    expect(events).toEqual(['first in', 'first out', 'second in']);
  });

  it('gives up with a clear error when another migrator holds the lock too long, and frees it on failure', async () => {
    const [first, second] = [await source(), await source()];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const one = withMigrationLock(first, config(), () => held);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(withMigrationLock(second, config(), async () => 'never', 1000)).rejects.toBeInstanceOf(
      MigrationLockTimeoutError,
    );
    release();
    await one;
    // A failed migration releases the lock too.
    await expect(
      withMigrationLock(first, config(), () => Promise.reject(new Error('bad migration'))),
    ).rejects.toThrow('bad migration');
    await expect(withMigrationLock(second, config(), async () => 'ran', 2000)).resolves.toBe('ran');
  });
});
