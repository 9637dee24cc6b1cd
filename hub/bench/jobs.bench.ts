/**
 * Job backend benchmark (`npm run bench:jobs -w hub`): JOBS no-op jobs at concurrency 20 through agenda
 * on the Pixport TypeORM backend (MariaDB, SQLite) and on agenda's official PostgreSQL backend (the peer), on a
 * throw-away PostgreSQL cluster this script starts and stops. Writes bench-results/jobs.json.
 *
 * - throughput: JOBS jobs submitted by 20 concurrent producers; jobs/s from first submit to last finish.
 * - latency under load: submit → handler start for those jobs (includes queueing behind the others).
 * - idle latency: one job at a time into an idle process (submit → start).
 * - the real task path: an idle `all` hub, `POST /api/v1/jobs` → the task claimed by its worker (task-path.ts).
 * MariaDB: BENCH_MYSQL_URL (the suite runner's), else one started here (bench/lib/servers.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agenda, type AgendaBackend } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import { TypeormAgendaBackend } from '../src/jobs/queue/backend/index.js';
import { openJobDataSource } from '../src/jobs/queue/backend/test-support/job-data-source.js';
import { measureTaskPath, type TaskPathResult } from './task-path.js';
import { benchResult, sized } from '../../bench/lib/result.js';
import { freshMariaDb, mariaDbServer, percentile, startPostgres } from '../../bench/lib/servers.js';

const JOBS = sized(2000, 200);
const CONCURRENCY = 20;
const PRODUCERS = 20;
const IDLE_SAMPLES = sized(100, 10);
const TASK_SAMPLES = sized(100, 10);

interface Result {
  backend: string;
  throughput: number;
  loadP50: number;
  loadP99: number;
  idleP50: number;
  idleP99: number;
}

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

async function onMariaDb(): Promise<[Result, TaskPathResult]> {
  const server = mariaDbServer();
  const [jobs, tasks] = [await freshMariaDb(server.url), await freshMariaDb(server.url)];
  try {
    return [await pixport('Pixport TypeORM backend, MariaDB', jobs.url), await measureTaskPath('MariaDB', tasks.url, TASK_SAMPLES)];
  } finally {
    await jobs.drop();
    await tasks.drop();
    server.stop();
  }
}

async function onSqlite(): Promise<[Result, TaskPathResult]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-bench-jobs-'));
  try {
    return [
      await pixport('Pixport TypeORM backend, SQLite (WAL)', `sqlite:${path.join(dir, 'jobs.sqlite')}`),
      await measureTaskPath('SQLite (WAL)', `sqlite:${path.join(dir, 'tasks.sqlite')}`, TASK_SAMPLES),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(): Promise<Result> {
  const cluster = await startPostgres();
  try {
    return await measure('agenda official PostgreSQL backend (peer)', new PostgresBackend({ connectionString: cluster.url }));
  } finally {
    cluster.stop();
  }
}

const out = benchResult('jobs', 'Job backend vs agenda\'s PostgreSQL backend', 'npm run bench:jobs -w hub');
const [[mariaDb, mariaDbTasks], [sqlite, sqliteTasks]] = [await onMariaDb(), await onSqlite()];
const postgres = await onPostgres();
const ms = (value: number) => Number(value.toFixed(1));
out.table(
  `${JOBS} no-op jobs, concurrency ${CONCURRENCY}, ${PRODUCERS} producers; then ${IDLE_SAMPLES} jobs one at a time into the idle process`,
  ['backend', 'jobs/s', '× PostgreSQL', `submit→start p50 ms (${JOBS} queued)`, 'p99 ms', 'idle submit→start p50 ms', 'idle p99 ms'],
  [mariaDb, sqlite, postgres].map((r) => [r.backend, Math.round(r.throughput), Number((r.throughput / postgres.throughput).toFixed(2)), ms(r.loadP50), ms(r.loadP99), ms(r.idleP50), ms(r.idleP99)]),
);
out.table(
  `The real task path in an idle \`all\` hub: \`POST /api/v1/jobs\` (operation=process, a 64×48 PNG), ${TASK_SAMPLES} tasks one at a time`,
  ['database', 'submit→start p50 ms', 'p99 ms', 'submit→202 p50 ms', 'submit→succeeded p50 ms'],
  [mariaDbTasks, sqliteTasks].map((r) => [r.label, r.startP50, r.startP99, r.answerP50, r.doneP50]),
);
for (const r of [mariaDb, sqlite, postgres]) out.figure(`${r.backend}: jobs/s`, r.throughput);
out.ratio('MariaDB / PostgreSQL throughput', mariaDb.throughput / postgres.throughput, '≥ 1.5');
out.ratio('MariaDB / PostgreSQL queued submit→start p50', mariaDb.loadP50 / postgres.loadP50, '≤ 1');
out.ratio('SQLite / PostgreSQL throughput', sqlite.throughput / postgres.throughput);
out.write();
process.exit(0);
