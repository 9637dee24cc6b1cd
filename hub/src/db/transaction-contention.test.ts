import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../config.js';
import { openDatabase } from './data-source.js';
import { ThrottleCounterRow } from './entities/throttle-counter.entity.js';
import { runInTransaction } from './transaction.js';
import { createTestDatabase, testDialect, type TestDatabase } from '../test-support/test-database.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const onSqlite = testDialect === 'sqlite' ? describe : describe.skip;

/**
 * Another process writing the same SQLite file (a `hub worker`): opens it and says `ready`; on `write()`
 * waits for the write lock like the hub does (busy_timeout), inserts `bucket`, says `written`, keeps the
 * lock `holdMs`, commits.
 */
async function otherProcess(file: string, bucket: string, holdMs: number) {
  const script = `
    const db = new (require('better-sqlite3'))(process.argv[1]);
    db.pragma('busy_timeout = 5000');
    console.log('ready');
    process.stdin.once('data', () => {
      db.exec('BEGIN IMMEDIATE');
      db.prepare('INSERT INTO throttle_counters (bucket, count, window_ends_at) VALUES (?, 1, 0)').run(process.argv[2]);
      console.log('written');
      setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0); }, Number(process.argv[3]));
    });`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script, file, bucket, String(holdMs)], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const said = (word: string) =>
    new Promise<void>((resolve) => lines.on('line', (line) => line === word && resolve()));
  const written = said('written');
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await said('ready');
  return {
    write: () => child.stdin!.write('go\n'),
    written,
    exited,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A transaction that reads before it writes, while another process writes the file. SQLite's busy_timeout
 * does not cover a deferred transaction's upgrade from reading to writing: it failed at once with
 * SQLITE_BUSY (the other process held the write lock) or SQLITE_BUSY_SNAPSHOT (it had committed since
 * the read), which the routes answered as 500 `internal` (signup beside a busy worker, seen in load).
 */
onSqlite('a SQLite transaction beside another process writing the same file', () => {
  let database: TestDatabase;
  let db: DataSource;
  let file: string;
  beforeEach(async () => {
    database = await createTestDatabase();
    file = database.url.slice('sqlite:'.length);
    db = await openDatabase(loadConfig({ DATABASE_URL: database.url }));
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  const counters = async () =>
    (await db.getRepository(ThrottleCounterRow).find({ order: { bucket: 'ASC' } })).map((row) => row.bucket);
  /** Reads, then writes: what signup, key rotation and the organization and integration changes do. */
  const readThenWrite = (bucket: string, between: () => Promise<unknown> = async () => undefined) =>
    runInTransaction(db, async (manager) => {
      await manager.findOneBy(ThrottleCounterRow, { bucket });
      await between();
      await manager.insert(ThrottleCounterRow, { bucket, count: 1, windowEndsAt: '0' });
    });

  it('waits for the other process to release its write lock, then commits', async () => {
    const other = await otherProcess(file, 'other', 300);
    other.write();
    await other.written;
    await readThenWrite('mine');
    expect(await other.exited).toBe(0);
    expect(await counters()).toEqual(['mine', 'other']);
  });

  it('commits when the other process tries to write after the transaction has read', async () => {
    const other = await otherProcess(file, 'other', 0);
    // The other process writes between this transaction's read and its write (given 300 ms to).
    await readThenWrite('mine', async () => {
      other.write();
      await Promise.race([other.written, sleep(300)]);
    });
    // Its write waited for this transaction's commit: both rows are there, nothing lost.
    expect(await other.exited).toBe(0);
    expect(await counters()).toEqual(['mine', 'other']);
  });
});
