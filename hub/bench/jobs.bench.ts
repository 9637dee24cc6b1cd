/**
 * Job backend benchmark (`npm run bench:jobs -w hub`): 2000 no-op jobs at concurrency 20 through agenda
 * on the Pixport TypeORM backend (MariaDB, SQLite) and on agenda's official PostgreSQL backend, on a
 * throw-away PostgreSQL cluster this script starts and stops. Prints a Markdown table.
 *
 * - throughput: 2000 jobs submitted by 20 concurrent producers; jobs/s from first submit to last finish.
 * - latency under load: submit → handler start for those 2000 jobs (includes queueing behind the others).
 * - idle latency: one job at a time into an idle process (submit → start), 100 samples.
 * - the real task path: an idle `all` hub, `POST /api/v1/jobs` → the task claimed by its worker (task-path.ts).
 * MariaDB: BENCH_MYSQL_URL, else scripts/mariadb.sh on port 3307 (left running if it already was).
 */
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agenda, type AgendaBackend } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import mysql from 'mysql2/promise';
import { TypeormAgendaBackend } from '../src/jobs/queue/backend/index.js';
import { openJobDataSource } from '../src/jobs/queue/backend/test-support/job-data-source.js';
import { measureTaskPath, type TaskPathResult } from './task-path.js';

const JOBS = 2000;
const CONCURRENCY = 20;
const PRODUCERS = 20;
const IDLE_SAMPLES = 100;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Result {
  backend: string;
  throughput: number;
  loadP50: number;
  loadP99: number;
  idleP50: number;
  idleP99: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function measure(label: string, backend: AgendaBackend): Promise<Result> {
  const agenda = new Agenda({ backend, processEvery: 1000, maxConcurrency: CONCURRENCY, defaultConcurrency: CONCURRENCY });
  const submitted = new Map<number, number>();
  const started = new Map<number, number>();
  let finished = 0;
  let onFinished: () => void = () => {};
  agenda.define(
    'noop',
    async (job) => {
      started.set((job.attrs.data as { i: number }).i, performance.now());
    },
    { concurrency: CONCURRENCY },
  );
  agenda.on('complete:noop', () => {
    finished += 1;
    onFinished();
  });
  await agenda.start();
  await agenda.cancel({ name: 'noop' });
  const until = (count: number) =>
    new Promise<void>((resolve) => {
      onFinished = () => finished >= count && resolve();
      onFinished();
    });

  // Throughput and latency under load.
  const begin = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: PRODUCERS }, async () => {
      while (next < JOBS) {
        const i = next++;
        submitted.set(i, performance.now());
        await agenda.now('noop', { i });
      }
    }),
  );
  await until(JOBS);
  const throughput = JOBS / ((performance.now() - begin) / 1000);
  const load = [...submitted].map(([i, at]) => started.get(i)! - at);

  // Idle latency: nothing queued, nothing running, the poll far away.
  const idle: number[] = [];
  for (let k = 0; k < IDLE_SAMPLES; k += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const i = JOBS + k;
    const at = performance.now();
    await agenda.now('noop', { i });
    await until(JOBS + k + 1);
    idle.push(started.get(i)! - at);
  }
  await agenda.stop();
  const result = {
    backend: label,
    throughput,
    loadP50: percentile(load, 50),
    loadP99: percentile(load, 99),
    idleP50: percentile(idle, 50),
    idleP99: percentile(idle, 99),
  };
  console.error(`${label}: ${JSON.stringify(result)}`);
  return result;
}

async function pixport(label: string, databaseUrl: string): Promise<Result> {
  const dataSource = await openJobDataSource(databaseUrl);
  try {
    return await measure(label, new TypeormAgendaBackend(dataSource));
  } finally {
    await dataSource.destroy();
  }
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function onMariaDb(): Promise<[Result, TaskPathResult]> {
  let server = process.env.BENCH_MYSQL_URL;
  let startedHere = false;
  if (!server) {
    startedHere = !(await portOpen(3307));
    server = execFileSync(path.join(root, 'scripts/mariadb.sh'), ['start', '3307'], { encoding: 'utf8' }).trim();
  }
  const admin = await mysql.createConnection(server);
  const databases = ['pixport_bench_jobs', 'pixport_bench_tasks'];
  for (const name of databases) {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  }
  const urlOf = (name: string) => Object.assign(new URL(server), { pathname: `/${name}` }).toString();
  try {
    return [
      await pixport('Pixport TypeORM backend, MariaDB', urlOf('pixport_bench_jobs')),
      await measureTaskPath('MariaDB', urlOf('pixport_bench_tasks')),
    ];
  } finally {
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
    if (startedHere) execFileSync(path.join(root, 'scripts/mariadb.sh'), ['stop']);
  }
}

async function onSqlite(): Promise<[Result, TaskPathResult]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-bench-jobs-'));
  try {
    return [
      await pixport('Pixport TypeORM backend, SQLite (WAL)', `sqlite:${path.join(dir, 'jobs.sqlite')}`),
      await measureTaskPath('SQLite (WAL)', `sqlite:${path.join(dir, 'tasks.sqlite')}`),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A throw-away PostgreSQL cluster (Debian `postgresql`); as root, run as the `postgres` user. */
async function onPostgres(): Promise<Result> {
  const bin = fs.readdirSync('/usr/lib/postgresql').sort().map((version) => `/usr/lib/postgresql/${version}/bin`).at(-1);
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-bench-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execSync(`chown postgres ${dir}`);
  const run = (command: string) => execSync(asRoot ? `runuser -u postgres -- ${command}` : command, { stdio: 'pipe' });
  const port = await freePort();
  const data = path.join(dir, 'data');
  run(`${bin}/initdb -D ${data} -U postgres --auth=trust --no-sync`);
  // Same durability trade as the MariaDB above (innodb_flush_log_at_trx_commit=2): no fsync per commit.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c synchronous_commit=off -c max_connections=200`;
  run(`${bin}/pg_ctl -D ${data} -o "${options}" -l ${dir}/server.log -w start`);
  try {
    return await measure('agenda official PostgreSQL backend', new PostgresBackend({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` }));
  } finally {
    run(`${bin}/pg_ctl -D ${data} -m fast -w stop`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const [[mariaDb, mariaDbTasks], [sqlite, sqliteTasks]] = [await onMariaDb(), await onSqlite()];
const results = [mariaDb, sqlite, await onPostgres()];
const ms = (value: number) => `${value.toFixed(1)} ms`;
console.log(`\n${JOBS} no-op jobs, concurrency ${CONCURRENCY}, ${PRODUCERS} producers; ${os.cpus().length} CPUs, Node ${process.version}\n`);
console.log('| backend | throughput | submit→start p50 / p99 (2000 queued) | submit→start p50 / p99 (idle) |');
console.log('|---|---:|---:|---:|');
for (const r of results) {
  console.log(`| ${r.backend} | ${r.throughput.toFixed(0)} jobs/s | ${ms(r.loadP50)} / ${ms(r.loadP99)} | ${ms(r.idleP50)} / ${ms(r.idleP99)} |`);
}
console.log('\nThe real task path in an idle `all` hub: `POST /api/v1/jobs` (operation=process, a 64×48 PNG), 100 tasks one at a time\n');
console.log('| database | submit→start p50 / p99 | submit→202 p50 | submit→succeeded p50 |');
console.log('|---|---:|---:|---:|');
for (const r of [mariaDbTasks, sqliteTasks]) {
  console.log(`| ${r.label} | ${r.startP50} ms / ${r.startP99} ms | ${r.answerP50} ms | ${r.doneP50} ms |`);
}
process.exit(0);
