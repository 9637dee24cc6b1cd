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
 * Target: rate limit + idempotency together add < 1 ms at p50.
 * Run with TEST_DATABASE_URL=mysql://… for MariaDB (default: a temp SQLite file).
 */
import http from 'node:http';
import { HubClient } from '@pixport/shared';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/data-source.js';
import { RateLimiter } from '../src/services/rate-limiter.js';
import { startHubProcess } from '../src/test-support/hub-process.js';
import { createTestDatabase, tempDir } from '../src/test-support/test-database.js';

const ROUNDS = Number(process.argv[2] ?? 10);
const PER_ROUND = Number(process.argv[3] ?? 300);
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
  for (let i = 0; i < 2000; i++) {
    const started = performance.now();
    await limiter.take('bench-claims', 1_000_000_000);
    if (i >= 200) times.push(performance.now() - started);
  }
  await db.destroy();
  return times;
}

async function main() {
  const database = await createTestDatabase();
  const dataDir = tempDir();
  const common = { DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'production' };
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
    for (const run of Object.values(variants)) for (let i = 0; i < 200; i++) await run();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, run] of Object.entries(variants)) for (let i = 0; i < PER_ROUND; i++) samples[name]!.push(await run());
    }

    const base = percentile(samples.baseline!, 50);
    console.log(`Validate route: rate limit and idempotency (${database.dialect}, 1 connection, ${ROUNDS} × ${PER_ROUND} requests per variant, interleaved)\n`);
    console.log('| variant | p50 ms | p90 ms | p99 ms | added p50 ms |\n|---|---|---|---|---|');
    for (const [name, values] of Object.entries(samples)) {
      const p50 = percentile(values, 50);
      console.log(`| ${name} | ${p50.toFixed(3)} | ${percentile(values, 90).toFixed(3)} | ${percentile(values, 99).toFixed(3)} | ${(p50 - base).toFixed(3)} |`);
    }
    const added = percentile(samples['rate limit + Idempotency-Key']!, 50) - base;
    console.log(`\nrate limit + idempotency add ${added.toFixed(3)} ms at p50 (target < 1 ms): ${added < 1 ? 'PASS' : 'MISS'}`);
    const claims = await claimCost(database.url);
    console.log(
      `\nA lease claim (the rate limiter's one database statement, taken once per 5 % of a key's budget): ` +
        `p50 ${percentile(claims, 50).toFixed(3)} ms, p99 ${percentile(claims, 99).toFixed(3)} ms (${claims.length} claims)`,
    );
  } finally {
    await Promise.all([off.stop(), on.stop()]);
    agent.destroy();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
