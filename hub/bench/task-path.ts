/**
 * The real task path in an idle `all` hub (HTTP and worker in one process): `POST /api/v1/jobs`
 * (multipart, a small PNG, `operation=process`) → 202 → the process's own worker claims the task
 * (`started_at`) → it finishes. One task at a time, so every submit meets an idle queue.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HubClient } from '@pixport/shared';
import { loadConfig } from '../src/config.js';
import { TaskRow } from '../src/db/entities/task.entity.js';
import { openHub } from '../src/hub.js';
import { productOn } from '../src/processing/test-images.js';

export interface TaskPathResult {
  label: string;
  /** Submit sent → task claimed by the worker (`started_at`). */
  startP50: number;
  startP99: number;
  /** Submit sent → 202 received. */
  answerP50: number;
  /** Submit sent → task succeeded (`task.finished` emitted). */
  doneP50: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

export async function measureTaskPath(
  label: string,
  databaseUrl: string,
  samples = 100,
): Promise<TaskPathResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-bench-tasks-'));
  const hub = await openHub(
    loadConfig({
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      RATE_LIMITS: 'false',
      // Enough credits for every task of the run, whatever the default plan gives a new account.
      DEFAULT_PLAN: 'enterprise',
      SECRETS_KEY: crypto.randomBytes(32).toString('hex'),
    }),
  );
  try {
    const url = await hub.listen(0, '127.0.0.1');
    const owner = new HubClient({ baseUrl: url });
    await owner.signup({ email: 'bench@example.test', password: 'a long bench password', name: 'Bench' });
    const api = new HubClient({ baseUrl: url, apiKey: (await owner.createKey({ name: 'bench' })).key });
    const image = {
      data: await productOn(
        '#ffffff',
        { width: 64, height: 48 },
        { left: 16, top: 12, width: 32, height: 24 },
        'png',
      ),
      filename: 'bench.png',
    };
    const finished = new Map<string, () => void>();
    hub.services.events.on('task.finished', (event) => finished.get(event.taskId)?.());

    const run = async () => {
      let done!: () => void;
      const settled = new Promise<void>((resolve) => (done = resolve));
      const sent = Date.now();
      const task = await api.submitTask('process', { image });
      const answered = Date.now();
      finished.set(task.id, done);
      const row = await hub.db.getRepository(TaskRow).findOneByOrFail({ id: task.id });
      if (row.status !== 'succeeded') await settled;
      const ended = Date.now();
      finished.delete(task.id);
      const { startedAt, status } = await hub.db.getRepository(TaskRow).findOneByOrFail({ id: task.id });
      if (status !== 'succeeded' || !startedAt) throw new Error(`bench task ${task.id} ended ${status}`);
      return { start: startedAt.getTime() - sent, answer: answered - sent, done: ended - sent };
    };
    for (let i = 0; i < 5; i += 1) await run(); // warm-up: first requests compile, connect, load sharp
    const measured: Array<Awaited<ReturnType<typeof run>>> = [];
    for (let i = 0; i < samples; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      measured.push(await run());
    }
    const result = {
      label,
      startP50: percentile(
        measured.map((m) => m.start),
        50,
      ),
      startP99: percentile(
        measured.map((m) => m.start),
        99,
      ),
      answerP50: percentile(
        measured.map((m) => m.answer),
        50,
      ),
      doneP50: percentile(
        measured.map((m) => m.done),
        50,
      ),
    };
    console.error(`task path, ${label}: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await hub.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
