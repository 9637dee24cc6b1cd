/**
 * `npm run bench:guards -w hub`: what the per-key rate limit and Idempotency-Key add to
 * POST /api/wordpress-plugin/auth/validate, measured in one run against the same route without them.
 *
 * Two hub processes (`hub serve`, same database): one with RATE_LIMITS=false, one with rate limits on
 * (RATE_LIMIT_SCALE high enough that the bench is never refused, so every request takes the full
 * allowed path). One client, one request at a time on a keep-alive connection, in interleaved rounds
 * so background load on the machine hits every variant alike:
 *   baseline   — limits off, no Idempotency-Key
 *   rate limit — limits on, no Idempotency-Key
 *   both       — limits on, a fresh Idempotency-Key per request (a claim and a stored answer each)
 * Target: rate limit + idempotency together add < 1 ms at p50. On SQLite (a temp file) and MariaDB
 * (BENCH_MYSQL_URL, else one started here). Writes bench-results/guards.json.
 */
import http from 'node:http';
import { HubClient } from '@pixport/shared';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/data-source.js';
import { RateLimiter } from '../src/services/rate-limiter.js';
import { startHubProcess } from '../src/test-support/hub-process.js';
import { tempDir } from '../src/test-support/test-database.js';
import { benchResult, sized, type Cell } from '../../bench/lib/result.js';
import { freshMariaDb, mariaDbServer } from '../../bench/lib/servers.js';

const ROUNDS = Number(process.argv[2] ?? sized(10, 1));
const PER_ROUND = Number(process.argv[3] ?? sized(300, 30));
const WARM_UP = sized(200, 20);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** One POST; resolves with its latency in ms (the status must be 200). */
function timedPost(url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.request(url, { method: 'POST', agent, headers: { 'Content-Length': '0', ...headers } }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`status ${response.statusCode}`))));
    });
    request.on('error', reject);
    request.end();
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

/** Latency of RateLimiter claims alone: leases of one token, so every take is a claim. */
async function claimCost(url: string): Promise<number[]> {
  const db = await openDatabase(loadConfig({ DATABASE_URL: url }));
  const limiter = new RateLimiter(db, { leaseShare: 0 });
  const times: number[] = [];
  for (let i = 0; i < sized(2000, 200); i++) {
    const started = performance.now();
    await limiter.take('bench-claims', 1_000_000_000);
    if (i >= sized(200, 20)) times.push(performance.now() - started);
  }
  await db.destroy();
  return times;
}

async function measureOn(dialect: string, databaseUrl: string): Promise<{ rows: Cell[][]; added: number; claims: number[] }> {
  const dataDir = tempDir();
  const common = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'production' };
  const off = await startHubProcess({ ...common, RATE_LIMITS: 'false' });
  const on = await startHubProcess({ ...common, RATE_LIMITS: 'true', RATE_LIMIT_SCALE: '10000' });
  try {
    const owner = new HubClient({ baseUrl: off.url });
    await owner.signup({ email: 'bench@example.test', password: 'benchmark password', name: 'Bench' });
    const { key } = await owner.createKey({ name: 'bench' });
    const route = '/api/wordpress-plugin/auth/validate';
    let n = 0;
    const variants = {
      baseline: () => timedPost(new URL(route, off.url), { 'X-API-Key': key }),
      'rate limit': () => timedPost(new URL(route, on.url), { 'X-API-Key': key }),
      'rate limit + Idempotency-Key': () => timedPost(new URL(route, on.url), { 'X-API-Key': key, 'Idempotency-Key': `bench-${n++}` }),
    };
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
    // Warm-up: JIT, caches, connections.
    for (const run of Object.values(variants)) for (let i = 0; i < WARM_UP; i++) await run();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, run] of Object.entries(variants)) for (let i = 0; i < PER_ROUND; i++) samples[name]!.push(await run());
    }

    const base = percentile(samples.baseline!, 50);
    const ms = (value: number) => Number(value.toFixed(3));
    const rows = Object.entries(samples).map(([name, values]) => [dialect, name, ms(percentile(values, 50)), ms(percentile(values, 90)), ms(percentile(values, 99)), ms(percentile(values, 50) - base)]);
    const added = percentile(samples['rate limit + Idempotency-Key']!, 50) - base;
    return { rows, added, claims: await claimCost(databaseUrl) };
  } finally {
    await Promise.all([off.stop(), on.stop()]);
  }
}

async function main() {
  const out = benchResult('guards', 'Rate limit and idempotency on the validate route', `npm run bench:guards -w hub -- ${ROUNDS} ${PER_ROUND}`);
  const sqlite = await measureOn('SQLite', `sqlite:${tempDir()}/guards.sqlite`);
  const server = mariaDbServer();
  const database = await freshMariaDb(server.url);
  const mariaDb = await measureOn('MariaDB', database.url).finally(async () => {
    await database.drop();
    server.stop();
  });
  agent.destroy();
  out.table(
    `POST /api/wordpress-plugin/auth/validate, 1 keep-alive connection, ${ROUNDS} × ${PER_ROUND} requests per variant, interleaved`,
    ['database', 'variant', 'p50 ms', 'p90 ms', 'p99 ms', 'added p50 ms'],
    [...sqlite.rows, ...mariaDb.rows],
  );
  const claim = (name: string, claims: number[]) => [name, Number(percentile(claims, 50).toFixed(3)), Number(percentile(claims, 99).toFixed(3)), claims.length];
  out.table('A rate-limit lease claim alone (its one database statement)', ['database', 'p50 ms', 'p99 ms', 'claims'], [claim('SQLite', sqlite.claims), claim('MariaDB', mariaDb.claims)]);
  out.ratio('SQLite: added p50 / 1 ms budget', sqlite.added, '< 1');
  out.ratio('MariaDB: added p50 / 1 ms budget', mariaDb.added, '< 1');
  out.write();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
