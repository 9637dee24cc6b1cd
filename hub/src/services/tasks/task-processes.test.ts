import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { HubClient, type Task } from '@pixport/shared';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/data-source.js';
import { productOn } from '../../processing/test-images.js';
import { HubChild } from '../../test-support/hub-process.js';
import {
  createTestDatabase,
  tempDir,
  testDialect,
  type TestDatabase,
} from '../../test-support/test-database.js';
import { until } from '../../test-support/until.js';

jest.setTimeout(300_000);

const TASKS = 200;
const LOCK_SECONDS = 3;
const onMariaDb = testDialect === 'mysql' ? it : it.skip;
const onSqlite = testDialect === 'sqlite' ? it : it.skip;

/**
 * Tasks across real OS processes on one database, as deployed: `hub serve` answers HTTP, `hub worker`s
 * run the tasks, and a worker is killed with SIGKILL in the middle of its runs.
 */
describe('tasks across real hub processes', () => {
  let database: TestDatabase;
  let dataDir: string;
  let db: DataSource | undefined;
  let processes: HubChild[] = [];
  let image: Buffer;

  const start = async (role: HubChild['role']) => {
    const hub = new HubChild(role, {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      SECRETS_KEY: SECRETS_KEY,
      JOB_POLL_INTERVAL_MS: '200',
      TASK_LOCK_SECONDS: String(LOCK_SECONDS),
      TASK_RETRY_DELAY_MS: '200',
      RATE_LIMITS: 'false', // 200 submits and polling from one key
      DEFAULT_PLAN: 'enterprise', // 200 tasks × 3 credits is more than the free plan's 100
    });
    processes.push(hub);
    return { hub, url: await hub.started };
  };
  /** An API key of a fresh account on the hub at `url`, and a client using it. */
  const keyed = async (url: string) => {
    const owner = new HubClient({ baseUrl: url });
    await owner.signup({
      email: `ops-${crypto.randomBytes(4).toString('hex')}@example.test`,
      password: 'a long password 1',
      name: 'Ops',
    });
    const { key } = await owner.createKey({ name: 'load' });
    return { key, api: new HubClient({ baseUrl: url, apiKey: key }) };
  };
  const submit = async (api: HubClient, count: number) => {
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (ids.length < count) {
          const slot = ids.push('') - 1;
          ids[slot] = (
            await api.submitTask('remove-background', {
              image: { data: image, filename: `shot-${slot}.png` },
            })
          ).id;
        }
      }),
    );
    return ids;
  };
  /** Every task once none is queued or processing any more. */
  const settled = async (api: HubClient, ids: string[], timeoutMs = 180_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const tasks: Task[] = [];
      for (let i = 0; i < ids.length; i += 100)
        tasks.push(...(await api.tasksByIds(ids.slice(i, i + 100))).data);
      if (tasks.every((task) => task.status !== 'queued' && task.status !== 'processing')) return tasks;
      if (Date.now() > deadline)
        throw new Error(
          `still running: ${tasks.filter((task) => ['queued', 'processing'].includes(task.status)).length}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  /** How many times each task was ended, over every process's log. */
  const endings = () => {
    const counts = new Map<string, number>();
    for (const line of processes.flatMap((hub) => hub.logged('task finished')))
      counts.set(String(line.task), (counts.get(String(line.task)) ?? 0) + 1);
    return counts;
  };
  /** Tasks a process is running right now (its agenda name is `host:pid`). */
  const runningIn = async (hub: HubChild) => {
    const rows = (await db!.query(
      `SELECT t.id FROM tasks t JOIN agenda_jobs j ON j.id = t.job_id WHERE t.status = 'processing' AND j.last_modified_by = ?`,
      [`${os.hostname()}:${hub.pid}`],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  };
  /**
   * Every task succeeded with its own downloadable result, none was ended twice, no job is left. `killed`:
   * the runs a SIGKILL interrupted — only they may lack an ending line (the process can die between the
   * database commit and the log write) or leave a result no task points to (made before the kill).
   */
  const expectEachTaskEndedOnce = async (
    api: HubClient,
    ids: string[],
    tasks: Task[],
    killed: string[] = [],
  ) => {
    expect(tasks.map((task) => task.id).sort()).toEqual([...ids].sort());
    expect(
      tasks.filter((task) => task.status !== 'succeeded').map((task) => [task.id, task.status, task.error]),
    ).toEqual([]);
    const ended = endings();
    expect([...ended].filter(([, count]) => count > 1)).toEqual([]);
    expect(ids.filter((id) => !ended.has(id) && !killed.includes(id))).toEqual([]);
    const results = (await db!.query('SELECT id, task_id FROM results WHERE task_id IS NOT NULL')) as Array<{
      id: string;
      task_id: string;
    }>;
    const resultOf = new Map(tasks.map((task) => [task.id, task.output!.url.split('/').at(-1)!]));
    const owned = results.filter((row) => resultOf.get(row.task_id) === row.id);
    expect(owned).toHaveLength(ids.length);
    expect(results.filter((row) => !owned.includes(row) && !killed.includes(row.task_id))).toEqual([]);
    for (const task of tasks.slice(0, 5))
      expect((await api.downloadTaskResult(task.id)).contentType).toBe('image/png');
    // Each job is deleted once its run is over (right after the task ended).
    await until(
      async () => (await db!.query(`SELECT id FROM agenda_jobs WHERE name = 'process-task'`)).length === 0,
      10_000,
    );
  };
  /** The interrupted runs ended once each: taken over as a second attempt, or ended by the process as it died. */
  const expectTakenOver = (tasks: Task[], interrupted: string[]) => {
    const attempts = interrupted.map((id) => tasks.find((task) => task.id === id)!.attempts);
    expect(attempts.every((count) => count === 1 || count === 2)).toBe(true);
    expect(attempts).toContain(2);
  };

  beforeEach(async () => {
    database = await createTestDatabase();
    dataDir = tempDir();
    image ??= await productOn(
      '#ffffff',
      { width: 480, height: 360 },
      { left: 140, top: 90, width: 200, height: 180 },
      'png',
    );
  });
  afterEach(async () => {
    await Promise.all(processes.map((hub) => hub.kill()));
    processes = [];
    await db?.destroy();
    db = undefined;
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  onMariaDb(
    'serve + two workers on MariaDB: 200 tasks, one worker killed mid-run; each task ends once, none lost',
    async () => {
      const { url } = await start('serve');
      db = await openDatabase(loadConfig({ DATABASE_URL: database.url }));
      const { api } = await keyed(url!);
      const [{ hub: doomed }, { hub: survivor }] = await Promise.all([start('worker'), start('worker')]);
      const ids = await submit(api, TASKS);

      // Kill the first worker while it holds two runs (its concurrency), after it has finished some.
      let interrupted: string[] = [];
      await until(
        async () =>
          doomed.logged('task finished').length >= 10 && (interrupted = await runningIn(doomed)).length >= 2,
        120_000,
        20,
      );
      await doomed.kill('SIGKILL');
      interrupted = [...new Set([...interrupted, ...(await runningIn(doomed))])];

      const tasks = await settled(api, ids);
      await expectEachTaskEndedOnce(api, ids, tasks, interrupted);
      expectTakenOver(tasks, interrupted);
      // The other worker ran every second attempt.
      const retried = tasks.filter((task) => task.attempts === 2).map((task) => task.id);
      expect(survivor.logged('task finished', (line) => retried.includes(String(line.task)))).toHaveLength(
        retried.length,
      );
      expect(survivor.logged('task finished').length).toBeGreaterThan(doomed.logged('task finished').length);
    },
  );

  onSqlite(
    'all on SQLite: 200 tasks, the process killed mid-run and restarted; each task ends once, none lost',
    async () => {
      const { hub: first, url } = await start('all');
      db = await openDatabase(loadConfig({ DATABASE_URL: database.url }));
      const { api, key } = await keyed(url!);
      const ids = await submit(api, TASKS);
      let interrupted: string[] = [];
      await until(
        async () =>
          first.logged('task finished').length >= 10 && (interrupted = await runningIn(first)).length >= 2,
        120_000,
        20,
      );
      await first.kill('SIGKILL');
      interrupted = [...new Set([...interrupted, ...(await runningIn(first))])];
      expect(endings().size).toBeLessThan(TASKS);

      const { url: again } = await start('all');
      const restarted = new HubClient({ baseUrl: again!, apiKey: key });
      const tasks = await settled(restarted, ids);
      await expectEachTaskEndedOnce(restarted, ids, tasks, interrupted);
      expectTakenOver(tasks, interrupted);
    },
  );

  it('tasks submitted while no worker runs wait as queued, then run when a worker starts', async () => {
    const { url } = await start('serve');
    db = await openDatabase(loadConfig({ DATABASE_URL: database.url }));
    const { api } = await keyed(url!);
    const ids = await submit(api, 10);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await api.tasksByIds(ids)).data.map((task) => task.status)).toEqual(ids.map(() => 'queued'));
    const { hub: worker } = await start('worker');
    const tasks = await settled(api, ids, 60_000);
    await expectEachTaskEndedOnce(api, ids, tasks);
    expect(worker.logged('task finished')).toHaveLength(10);
  });
});

const SECRETS_KEY = crypto.randomBytes(32).toString('hex');
