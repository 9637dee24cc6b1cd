import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { HubClient, type Task } from '@pixport/shared';
import { productOn } from '../src/processing/test-images.js';
import { migrations } from '../src/db/data-source.js';
import { createTestDatabase, type TestDatabase } from '../src/test-support/test-database.js';
import { until } from '../src/test-support/until.js';

jest.setTimeout(180_000);
const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(root, 'scripts/cluster.sh');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-cluster-test-'));
const port = Number(process.env.CLUSTER_PORT ?? 18_280);
const lb = `http://127.0.0.1:${port}`;

/** 2 serve + 2 worker processes on one MariaDB, blobs in s3rver, nginx in front: `scripts/cluster.sh`. */
describe('a load-balanced cluster (scripts/cluster.sh: nginx → 2 serve, 2 workers, MariaDB, s3rver)', () => {
  let database: TestDatabase | undefined;
  let db: mysql.Connection;
  let image: Buffer;
  const env = {
    ...process.env,
    PIXPORT_CLUSTER_DIR: dir,
    CLUSTER_PORT: String(port),
    TASK_LOCK_SECONDS: '3',
    TASK_RETRY_DELAY_MS: '200',
    JOB_POLL_INTERVAL_MS: '200',
    DEFAULT_PLAN: 'enterprise',
    // Test-mode keys of the enterprise plan: 120 × 0.25 = 30 requests a minute, shared by every process.
    RATE_LIMIT_SCALE: '0.25',
    WEBHOOKS_ALLOW_PRIVATE: 'true',
  };
  const pidOf = (name: string) => Number(fs.readFileSync(path.join(dir, 'pids', `${name}.pid`), 'utf8'));
  const servePort = (name: string) => String(port + Number(name.split('-')[1]));

  /** A client through the load balancer that records which process answered each request. */
  const tracked = (options: { apiKey?: string } = {}) => {
    const client = new HubClient({ baseUrl: lb, ...options });
    const served: string[] = [];
    client.http.interceptors.response.use((response) => {
      served.push(String(response.headers['x-upstream']));
      return response;
    });
    return { client, served };
  };
  const account = async () => {
    const { client, served } = tracked();
    const email = `cluster-${crypto.randomBytes(4).toString('hex')}@example.test`;
    await client.signup({ email, password: 'a long password 1', name: 'Cluster' });
    return { client, served, email };
  };

  beforeAll(async () => {
    // On a MariaDB the suite was given (a fresh database of it), else the script starts its own.
    if (process.env.TEST_DATABASE_URL) database = await createTestDatabase();
    const started = await run(script, ['start'], {
      env: { ...env, ...(database ? { CLUSTER_DATABASE_URL: database.url } : {}) },
      timeout: 170_000,
    }).catch((error: { stderr?: string; message: string }) => {
      throw new Error(`cluster did not start: ${error.stderr ?? error.message}`);
    });
    expect(started.stdout.trim()).toBe(lb);
    const settings = Object.fromEntries(
      fs
        .readFileSync(path.join(dir, 'env'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    db = await mysql.createConnection(settings.DATABASE_URL!);
    image = await productOn(
      '#ffffff',
      { width: 480, height: 360 },
      { left: 140, top: 90, width: 200, height: 180 },
      'png',
    );
  }, 175_000);

  afterAll(async () => {
    await db?.end();
    await run(script, ['stop'], { env, timeout: 60_000 }).catch(() => undefined);
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('came up with all four processes started at once on a fresh database (migrations serialised)', async () => {
    for (const name of ['serve-1', 'serve-2']) {
      const ready = await fetch(`http://127.0.0.1:${servePort(name)}/readyz`);
      expect([name, ready.status]).toEqual([name, 200]);
    }
    for (const name of ['worker-1', 'worker-2']) expect(() => process.kill(pidOf(name), 0)).not.toThrow();
    const [applied] = (await db.query('SELECT name FROM migrations')) as unknown as [Array<{ name: string }>];
    expect(applied.map((row) => row.name).sort()).toEqual(
      migrations.map((migration) => migration.name).sort(),
    );
    const upstreams = new Set<string>();
    for (let i = 0; i < 4; i++)
      upstreams.add(String((await fetch(`${lb}/readyz`)).headers.get('x-upstream')));
    expect([...upstreams].sort()).toEqual([
      `127.0.0.1:${servePort('serve-1')}`,
      `127.0.0.1:${servePort('serve-2')}`,
    ]);
  });

  it('signs in on one process and uses the session on the other', async () => {
    const { email } = await account();
    const { client, served } = tracked();
    await client.login({ email, password: 'a long password 1' });
    const me = await client.me();
    const key = await client.createKey({ name: 'made on the other process' });
    expect(me.user.email).toBe(email);
    expect(key.key).toMatch(/^pxp_live_/);
    expect(new Set(served.slice(0, 3)).size).toBe(2);
  });

  it('shares rate-limit counters: a test key gets 30 requests a minute across both processes, not 30 each', async () => {
    const { client: owner } = await account();
    const key = await owner.createKey({ name: 'limited', mode: 'test' });
    const { client, served } = tracked({ apiKey: key.key });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await client.raw({ url: '/api/v1/account' })).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(30);
    expect(statuses.slice(30)).toEqual(Array(10).fill(429));
    expect(new Set(served.slice(0, 30)).size).toBe(2);
  });

  it('shares idempotency: a replay that lands on the other process still replays', async () => {
    const { client: owner } = await account();
    const key = await owner.createKey({ name: 'idempotent' });
    const send = (width: number) => {
      const form = new FormData();
      form.append('image', new Blob([new Uint8Array(image)]), 'shot.png');
      form.append('width', String(width));
      form.append('height', '100');
      return fetch(`${lb}/api/v1/process`, {
        method: 'POST',
        headers: { 'X-API-Key': key.key, 'Idempotency-Key': 'cluster-replay-1' },
        body: form,
      });
    };
    const first = await send(100);
    const replay = await send(100);
    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(first.headers.get('x-upstream')).not.toBe(replay.headers.get('x-upstream'));
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const [a, b] = [(await first.json()) as { id: string }, (await replay.json()) as { id: string }];
    expect(b.id).toBe(a.id);
    const reused = await send(120);
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { code: string }).code).toBe('idempotency_key_reused');
  });

  it('runs a task submitted through one process on a worker; it is polled and downloaded through the other', async () => {
    const { client: owner } = await account();
    const key = await owner.createKey({ name: 'tasks' });
    const { client, served } = tracked({ apiKey: key.key });
    const task = await client.submitTask(
      'process',
      { image: { data: image, filename: 'shot.png' } },
      { width: 200, height: 200 },
    );
    const submittedOn = served.at(-1)!;
    const done = await client.waitForTask(task.id, { timeoutMs: 60_000, intervalMs: 200 });
    expect(done.status).toBe('succeeded');
    const file = await client.downloadTaskResult(task.id);
    expect(file.contentType).toBe('image/png');
    expect(served.slice(1).filter((upstream) => upstream !== submittedOn).length).toBeGreaterThan(0);
    // The result is an object in the bucket, not a file of the process that stored it.
    const [rows] = (await db.query('SELECT blob_key FROM results WHERE task_id = ?', [
      task.id,
    ])) as unknown as [Array<{ blob_key: string }>];
    expect(rows).toHaveLength(1);
    const objects = fs.readdirSync(path.join(dir, 's3', 'pixport'), { recursive: true }).map(String);
    expect(objects.some((name) => name.includes(rows[0]!.blob_key.split('/').at(-1)!))).toBe(true);
  });

  it('loses nothing when a worker is killed with SIGKILL mid-task: the other takes its runs over', async () => {
    const { client: owner } = await account();
    const key = await owner.createKey({ name: 'kill a worker' });
    const client = new HubClient({ baseUrl: lb, apiKey: key.key });
    const ids: string[] = [];
    for (let i = 0; i < 16; i++)
      ids.push(
        (await client.submitTask('remove-background', { image: { data: image, filename: `s${i}.png` } })).id,
      );
    const doomed = pidOf('worker-1');
    const runningInDoomed = async () => {
      const [rows] = (await db.query(
        `SELECT t.id FROM tasks t JOIN agenda_jobs j ON j.id = t.job_id WHERE t.status = 'processing' AND j.last_modified_by = ?`,
        [`${os.hostname()}:${doomed}`],
      )) as unknown as [Array<{ id: string }>];
      return rows.map((row) => row.id);
    };
    let interrupted: string[] = [];
    await until(async () => (interrupted = await runningInDoomed()).length > 0, 60_000, 20);
    process.kill(doomed, 'SIGKILL');
    let tasks: Task[] = [];
    await until(
      async () =>
        (tasks = (await client.tasksByIds(ids)).data).every(
          (task) => !['queued', 'processing'].includes(task.status),
        ),
      90_000,
      250,
    );
    expect(tasks.filter((task) => task.status !== 'succeeded').map((task) => [task.id, task.status])).toEqual(
      [],
    );
    // The interrupted runs were taken over (a second attempt), each task has exactly one result.
    const retried = tasks.filter((task) => interrupted.includes(task.id)).map((task) => task.attempts);
    expect(retried.some((attempts) => attempts === 2)).toBe(true);
    const [results] = (await db.query(
      `SELECT task_id, COUNT(*) AS n FROM results WHERE task_id IN (?) GROUP BY task_id`,
      [ids],
    )) as unknown as [Array<{ task_id: string; n: number }>];
    expect(results.map((row) => Number(row.n))).toEqual(Array(16).fill(1));
    expect((await client.downloadTaskResult(interrupted[0]!)).contentType).toBe('image/png');
  });

  it('loses nothing when an HTTP process is killed mid-upload: the retry with the same Idempotency-Key lands on the other, once', async () => {
    const { client: owner } = await account();
    const key = await owner.createKey({ name: 'kill a server' });
    const before = await new HubClient({ baseUrl: lb, apiKey: key.key }).account();
    // nginx alternates between the two processes: after a probe answered by one, the upload goes to the other.
    const probe = String((await fetch(`${lb}/healthz`)).headers.get('x-upstream'));
    const target = probe.endsWith(`:${servePort('serve-1')}`) ? 'serve-2' : 'serve-1';
    const boundary = `----cluster${crypto.randomBytes(6).toString('hex')}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="operation"\r\n\r\nprocess\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const headers = {
      'X-API-Key': key.key,
      'Idempotency-Key': 'upload-1',
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
    };
    let sentHalf!: () => void;
    const halfway = new Promise<void>((resolve) => (sentHalf = resolve));
    const slow = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(head);
        controller.enqueue(image.subarray(0, image.length >> 1));
        sentHalf();
        // The rest never comes: the process dies first.
        await new Promise((resolve) => setTimeout(resolve, 30_000));
        controller.close();
      },
    });
    const dying = fetch(`${lb}/api/v1/jobs`, {
      method: 'POST',
      headers,
      body: slow,
      duplex: 'half',
    } as RequestInit).then(
      (response) => response.status,
      () => 'connection lost',
    );
    await halfway;
    await new Promise((resolve) => setTimeout(resolve, 500));
    process.kill(pidOf(target), 'SIGKILL');
    expect([502, 'connection lost']).toContain(await dying);

    const retry = await fetch(`${lb}/api/v1/jobs`, {
      method: 'POST',
      headers,
      body: Buffer.concat([head, image, tail]),
    });
    expect(retry.status).toBe(202);
    expect(retry.headers.get('x-upstream')).toBe(probe);
    const api = new HubClient({ baseUrl: lb, apiKey: key.key });
    const { data } = await api.listTasks();
    expect(data).toHaveLength(1);
    expect((await api.waitForTask(data[0]!.id, { timeoutMs: 60_000, intervalMs: 250 })).status).toBe(
      'succeeded',
    );
    const after = await api.account();
    expect(before.credits.balance - after.credits.balance).toBe(after.credits.costs.process);
  });
});
