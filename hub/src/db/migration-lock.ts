import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';

/** How long a starting process waits for another one's migrations before giving up. */
export const MIGRATION_LOCK_TIMEOUT_MS = 300_000;
const SQLITE_POLL_MS = 50;

export class MigrationLockTimeoutError extends Error {
  constructor(waitedMs: number) {
    super(
      `another process has been migrating this database for over ${Math.round(waitedMs / 1000)} s; ` +
        'not starting (is one stuck? its lock ends with its connection)',
    );
    this.name = 'MigrationLockTimeoutError';
  }
}

/**
 * Runs `work` (the migrations) while holding a lock no other process can hold for the same database,
 * so two processes started on a fresh database at once do not both create the tables: the second
 * waits, then finds nothing pending. The lock dies with its connection, so a crashed migrator frees it.
 *
 * - MySQL/MariaDB: `GET_LOCK` on one connection of the pool, named after the database (locks are
 *   server-wide; other databases on the same server are not held up).
 * - SQLite: an exclusive transaction (`BEGIN EXCLUSIVE`) on a lock file beside the database
 *   (`<file>.migrate-lock`), opened on its own connection. Not the database itself: the migrations run
 *   on TypeORM's connection and would wait for that lock too. Polled, not busy-waited: better-sqlite3
 *   blocks the thread while it waits.
 */
export async function withMigrationLock<T>(
  dataSource: DataSource,
  database: Config['database'],
  work: () => Promise<T>,
  timeoutMs = MIGRATION_LOCK_TIMEOUT_MS,
): Promise<T> {
  if (database.type === 'mysql') return withMysqlLock(dataSource, work, timeoutMs);
  if (database.file === ':memory:') return work();
  return withSqliteLock(`${database.file}.migrate-lock`, work, timeoutMs);
}

async function withMysqlLock<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
  timeoutMs: number,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [{ name }] = (await runner.query('SELECT DATABASE() AS name')) as Array<{ name: string }>;
    // Lock names are at most 64 characters.
    const lock = `pixport-migrate-${crypto
      .createHash('sha256')
      .update(name ?? '')
      .digest('hex')
      .slice(0, 40)}`;
    const started = Date.now();
    const [{ got }] = (await runner.query('SELECT GET_LOCK(?, ?) AS got', [
      lock,
      Math.ceil(timeoutMs / 1000),
    ])) as Array<{
      got: number | string | null;
    }>;
    if (Number(got) !== 1) throw new MigrationLockTimeoutError(Date.now() - started);
    try {
      return await work();
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [lock]).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}

interface SqliteConnection {
  exec(sql: string): unknown;
  pragma(source: string): unknown;
  close(): void;
}

async function withSqliteLock<T>(file: string, work: () => Promise<T>, timeoutMs: number): Promise<T> {
  const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => SqliteConnection;
  const connection = new Database(file);
  try {
    connection.pragma('busy_timeout = 0');
    const started = Date.now();
    for (;;) {
      try {
        connection.exec('BEGIN EXCLUSIVE');
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        if (Date.now() - started > timeoutMs) throw new MigrationLockTimeoutError(Date.now() - started);
        await sleep(SQLITE_POLL_MS);
      }
    }
    try {
      return await work();
    } finally {
      connection.exec('ROLLBACK');
    }
  } finally {
    connection.close();
  }
}
