/**
 * What one MariaDB takes (`npm run bench:mariadb -w hub`), the figures behind docs/scaling.md: usage-log
 * rows per second through the hub's own batched INSERT (100 rows a statement, as UsageService writes them),
 * from 1 and from 4 writers at once (4 writers ≈ 4 hub processes), on a fresh database of
 * BENCH_MYSQL_URL (default: mysql://root@127.0.0.1:3307, e.g. scripts/mariadb.sh start).
 */
import crypto from 'node:crypto';
import mysql from 'mysql2/promise';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/data-source.js';
import { bulkInserter } from '../src/db/bulk-insert.js';
import { UsageLogRow } from '../src/db/entities/usage-log.entity.js';

const server = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3307';
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const BATCH = 100;

let counter = 0;
const row = (organizationId: string): UsageLogRow => ({
  id: `${Date.now().toString(36).padStart(10, '0')}${(counter++).toString(36).padStart(16, '0')}`.slice(0, 26),
  organizationId,
  keyId: 'key_bench000000000000000000',
  method: 'POST',
  route: '/api/v1/process',
  operation: 'process',
  label: null,
  status: 200,
  durationMs: 42,
  bytesIn: 120_000,
  bytesOut: 80_000,
  units: 1,
  heavy: false,
  platform: 'direct',
  ip: '203.0.113.7',
  requestId: `req_${crypto.randomBytes(8).toString('hex')}`,
  createdAt: new Date(),
});

async function main(): Promise<void> {
  const name = `pixport_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection(server);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = await openDatabase(loadConfig({ DATABASE_URL: url.toString() }));
  const insert = bulkInserter(db, UsageLogRow);
  try {
    console.log(`| writers | rows | rows/s | ms per 100-row INSERT (mean) |\n| --- | --- | --- | --- |`);
    for (const writers of [1, 4]) {
      const started = performance.now();
      let written = 0;
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          while (written < ROWS) {
            written += BATCH;
            await insert(Array.from({ length: BATCH }, () => row(`org_bench_${w % 50}`)));
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const statements = written / BATCH;
      console.log(`| ${writers} | ${written} | ${Math.round(written / seconds)} | ${((seconds * 1000 * writers) / statements).toFixed(1)} |`);
    }
  } finally {
    await db.destroy();
    await admin.query(`DROP DATABASE \`${name}\``);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
