/**
 * `npm run bench:validate -w hub [seconds] [rounds]`: requests/s and latency of POST
 * /api/wordpress-plugin/auth/validate with a valid key against a bare Koa hello-world, both started
 * here and measured in alternating rounds (autocannon, 64 connections; default 3 rounds of 10 s), so
 * load from elsewhere on the machine falls on both alike. Target: validate ≥ 50 % of hello-world,
 * p99 < 5 ms, ≤ 40 µs server CPU per request. The hub runs without rate limits (one key at thousands of
 * requests per second would only measure 429s); what the rate-limit and idempotency checks add is
 * `npm run bench:guards`. Writes bench-results/validate.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { HubClient } from '@pixport/shared';
import { createTestDatabase, tempDir } from '../src/test-support/test-database.js';
import { benchResult, sized } from '../../bench/lib/result.js';
import { freePort } from '../../bench/lib/servers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DURATION = Number(process.argv[2] ?? sized(10, 1));
const ROUNDS = Number(process.argv[3] ?? sized(3, 1));
const CONNECTIONS = 64;

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** The server process's CPU time (user + system, all its threads) per request, in µs. */
  cpuUs: number;
}

/** CPU time a process has used so far, in µs (Linux /proc; NaN elsewhere). */
function cpuTimeUs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}
const CLOCK_TICKS = 100;

async function measure(
  server: ChildProcess,
  url: string,
  options: Partial<autocannon.Options> = {},
): Promise<Figures> {
  const cpuBefore = cpuTimeUs(server.pid!);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, ...options });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    cpuUs: (cpuTimeUs(server.pid!) - cpuBefore) / result.requests.total,
  };
}

/** Servers run in their own processes, so the load generator never shares their event loop. */
async function startProcess(
  args: string[],
  env: Record<string, string>,
  readyUrl: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    try {
      if ((await fetch(readyUrl)).status < 500) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${readyUrl} never answered`);
}

const HELLO = `const Koa = require('koa'); const app = new Koa();
app.use((ctx) => { ctx.body = 'hello'; }); app.listen(Number(process.env.PORT), '127.0.0.1');`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The round with the median rate, so its latencies belong to one real run. */
function medianRound(rounds: Figures[]): Figures {
  const rate = median(rounds.map((round) => round.rps));
  return {
    ...rounds.find((round) => round.rps === rate)!,
    errors: rounds.reduce((sum, round) => sum + round.errors, 0),
  };
}

async function main() {
  const out = benchResult('validate', 'Key validation vs bare Koa', `npm run bench:validate -w hub -- ${DURATION} ${ROUNDS}`);
  const database = await createTestDatabase();
  const helloPort = String(await freePort());
  const hubPort = String(await freePort());
  const helloUrl = `http://127.0.0.1:${helloPort}/`;
  const hubUrl = `http://127.0.0.1:${hubPort}`;
  const hello = await startProcess(['-e', HELLO], { PORT: helloPort }, helloUrl);
  const hub = await startProcess(
    [path.join(here, '../dist/main.js'), 'serve'],
    {
      PORT: hubPort,
      HOST: '127.0.0.1',
      DATA_DIR: tempDir(),
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
      RATE_LIMITS: 'false',
    },
    `${hubUrl}/healthz`,
  );
  const owner = new HubClient({ baseUrl: hubUrl });
  await owner.signup({ email: 'bench@example.test', password: 'benchmark password', name: 'Bench' });
  const { key } = await owner.createKey({ name: 'bench' });

  const helloRounds: Figures[] = [];
  const healthRounds: Figures[] = [];
  const validateRounds: Figures[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    helloRounds.push(await measure(hello, helloUrl));
    // The hub's own floor: the same middleware chain (request id, metrics, errors, body parser,
    // routing) with no key, no usage row and a constant answer.
    healthRounds.push(await measure(hub, `${hubUrl}/healthz`));
    validateRounds.push(
      await measure(hub, `${hubUrl}/api/wordpress-plugin/auth/validate`, {
        method: 'POST',
        headers: { 'X-API-Key': key },
      }),
    );
  }
  hello.kill();
  hub.kill('SIGTERM');
  await new Promise((resolve) => hub.once('exit', resolve));
  await database.drop();

  const helloFigures = medianRound(helloRounds);
  const health = medianRound(healthRounds);
  const validate = medianRound(validateRounds);
  const ratio = validate.rps / helloFigures.rps;
  const row = (name: string, f: Figures) => [name, Math.round(f.rps), Number((f.rps / helloFigures.rps).toFixed(2)), f.p50, f.p99, Math.round(f.cpuUs), f.errors];
  out.table(
    `${database.dialect}, ${CONNECTIONS} connections, median of ${ROUNDS} alternating rounds of ${DURATION} s`,
    ['server', 'req/s', '× hello', 'p50 ms', 'p99 ms', 'server CPU µs/request', 'errors'],
    [row('Koa hello-world (peer)', helloFigures), row("GET /healthz (the hub's middleware chain alone)", health), row('POST /api/wordpress-plugin/auth/validate', validate)],
  );
  const rates = (rounds: Figures[]) => rounds.map((r) => Math.round(r.rps)).join(', ');
  out.note(`Rounds (req/s): hello-world ${rates(helloRounds)}; healthz ${rates(healthRounds)}; validate ${rates(validateRounds)}.`);
  out.figure('validate_rps', validate.rps);
  out.figure('validate_p99_ms', validate.p99);
  out.figure('validate_cpu_us', validate.cpuUs);
  out.figure('healthz_cpu_us', health.cpuUs);
  out.figure('hello_rps', helloFigures.rps);
  out.figure('errors', validate.errors + health.errors);
  out.ratio('validate / hello-world req/s', ratio, '≥ 0.5');
  out.ratio('healthz / hello-world req/s', health.rps / helloFigures.rps);
  out.ratio('validate / hello-world CPU per request', validate.cpuUs / helloFigures.cpuUs);
  out.write();
  if (validate.errors > 0) throw new Error(`validate answered ${validate.errors} errors`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
