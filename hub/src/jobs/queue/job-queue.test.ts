import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/data-source.js';
import { createLogger } from '../../logger.js';
import type { JobServices } from '../job-definition.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { defineJob, type JobContext } from '../job-definition.js';
import { JobQueue } from './job-queue.js';

describe('JobQueue', () => {
  let database: TestDatabase;
  let db: DataSource;
  const logger = createLogger('silent');
  const context = { services: {} as JobServices, config: loadConfig({ NODE_ENV: 'test' }), logger };
  const options = { pollIntervalMs: 100, concurrency: {}, maxConcurrency: 10 };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openDatabase(loadConfig({ DATABASE_URL: database.url }));
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('runs an enqueued job with its data and context, and retries a failed attempt by its backoff', async () => {
    const queue = new JobQueue(db, options, logger);
    const seen: Array<{ data: { n: number }; attempt: number }> = [];
    let attempts = 0;
    const done = new Promise<void>((resolve) => {
      queue.define(
        [
          defineJob<{ n: number }>({
            name: 'flaky',
            backoff: () => 10,
            async run(data, ctx: JobContext) {
              attempts += 1;
              expect(ctx.logger).toBe(logger);
              if (attempts === 1) throw new Error('transient');
              seen.push({ data, attempt: attempts });
              resolve();
            },
          }) as never,
        ],
        context,
      );
    });
    await queue.start();
    const id = await queue.enqueue('flaky', { n: 7 });
    expect(id).toMatch(/\S+/);
    await done;
    await queue.stop(1000);
    expect(seen).toEqual([{ data: { n: 7 }, attempt: 2 }]);
  });

  it('keeps one schedule for a recurring job however many processes start', async () => {
    const definition = defineJob({ name: 'tick', every: '1 hour', async run() {} }) as never;
    const first = new JobQueue(db, options, logger);
    const second = new JobQueue(db, options, logger);
    first.define([definition], context);
    second.define([definition], context);
    await first.start();
    await second.start();
    await Promise.all([first.stop(1000), second.stop(1000)]);
    const jobs = await db.query(`SELECT name FROM agenda_jobs WHERE name = 'tick'`);
    expect(jobs).toHaveLength(1);
  });

  it('claimOnlyWhatRuns: a process locks at most its concurrency and claims the next as soon as a run ends', async () => {
    // A poll far away: only the end of a run can start the next one this quickly.
    const slow = { ...options, pollIntervalMs: 60_000 };
    const producer = new JobQueue(db, slow, logger);
    await producer.agenda.ready;
    for (let i = 0; i < 20; i += 1) await producer.enqueue('paced', { i });
    const locks: number[] = [];
    const ran: number[] = [];
    const queue = new JobQueue(db, slow, logger);
    const done = new Promise<void>((resolve) => {
      queue.define(
        [
          defineJob<{ i: number }>({
            name: 'paced',
            concurrency: 2,
            claimOnlyWhatRuns: true,
            async run(data) {
              const [row] = (await db.query(
                `SELECT COUNT(*) AS count FROM agenda_jobs WHERE name = 'paced' AND locked_at IS NOT NULL`,
              )) as Array<{ count: number | string }>;
              locks.push(Number(row!.count));
              await new Promise((wait) => setTimeout(wait, 10));
              ran.push(data.i);
              if (ran.length === 20) resolve();
            },
          }) as never,
        ],
        context,
      );
    });
    const started = Date.now();
    await queue.start();
    await done;
    await queue.stop(1000);
    expect(ran.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // Not the whole backlog: its concurrency, plus at most one each for fills already past agenda's limit check.
    expect(Math.max(...locks)).toBeLessThanOrEqual(2 + 4);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('refuses a job name defined twice', async () => {
    const queue = new JobQueue(db, options, logger);
    await queue.agenda.ready;
    const definition = defineJob({ name: 'twice', async run() {} }) as never;
    expect(() => queue.define([definition, definition], context)).toThrow(/defined twice/);
  });
});
