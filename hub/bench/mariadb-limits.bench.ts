/**
 * What one MariaDB takes (`npm run bench:mariadb -w hub`), the figures behind docs/scaling.md: usage-log
 * rows per second through the hub's own batched INSERT (100 rows a statement, as UsageService writes them),
 * from 1 and from 4 writers at once (4 writers ≈ 4 hub processes), on a fresh database of
 * BENCH_MYSQL_URL (else a MariaDB started here). Writes bench-results/mariadb-limits.json.
 */
import crypto from 'node:crypto';
import { benchResult, sized, type Cell } from '../../bench/lib/result.js';
import { freshMariaDb, mariaDbServer } from '../../bench/lib/servers.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/data-source.js';
import { bulkInserter } from '../src/db/bulk-insert.js';
import { UsageLogRow } from '../src/db/entities/usage-log.entity.js';

const ROWS = Number(process.env.BENCH_ROWS ?? sized(100_000, 2_000));
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
  const out = benchResult('mariadb-limits', 'What one MariaDB takes: usage-log writes', 'npm run bench:mariadb -w hub');
  const server = mariaDbServer();
  const database = await freshMariaDb(server.url);
  const db = await openDatabase(loadConfig({ DATABASE_URL: database.url }));
  const rows: Cell[][] = [];
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
      rows.push([writers, written, Math.round(written / seconds), Number(((seconds * 1000 * writers) / statements).toFixed(1))]);
    }
  } finally {
    await db.destroy();
    await database.drop();
    server.stop();
  }
  out.table('Usage-log rows through the hub\'s batched INSERT (100 rows a statement)', ['writers', 'rows', 'rows/s', 'ms per 100-row INSERT (mean)'], rows);
  out.ratio('4 writers / 1 writer rows/s', Number(rows[1]![2]) / Number(rows[0]![2]));
  out.write();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
