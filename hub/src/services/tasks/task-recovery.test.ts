import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { HubClient } from '@pixport/shared';
import { TaskRow } from '../../db/entities/task.entity.js';
import { openHub, type Hub } from '../../hub.js';
import { createLogger } from '../../logger.js';
import { productOn } from '../../processing/test-images.js';
import { failureOf } from '../../test-support/failure.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';
import type { TaskFinishedEvent } from '../domain-events.js';
import { STRANDED_AFTER_MS } from './task.sweeper.js';
import { until } from '../../test-support/until.js';

jest.setTimeout(60_000);

const DAY = 24 * 3600_000;
const shot = async () => ({
  data: await productOn('#ffffff', { width: 200, height: 150 }, { left: 60, top: 40, width: 80, height: 70 }),
  filename: 'shot.jpg',
});

/**
 * Recovery and retention with two hubs on one database: `serve` (HTTP, enqueues only) and a worker
 * started when the test says, so a task can be put in the state a crash would leave it in first.
 */
describe('task recovery and retention', () => {
  let t: TestHub;
  let api: HubClient;
  let worker: Hub | undefined;

  const startWorker = async () => {
    worker = await openHub(t.hub.config, { logger: createLogger('silent'), runJobs: true });
    return worker;
  };
  const tasks = () => t.hub.db.getRepository(TaskRow);
  const later = (ms: number) => new Date(Date.now() + ms);

  beforeAll(async () => {
    t = await startTestHub(
      { TASK_MAX_ATTEMPTS: '3', TASK_LOCK_SECONDS: '1', JOB_POLL_INTERVAL_MS: '100', RATE_LIMITS: 'false' },
      { runJobs: false },
    );
    api = t.client({ apiKey: (await t.newKey()).key.key });
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });
  afterAll(() => t.close());

  it('a task whose submitter stopped before enqueuing is found by the recovery sweep and runs once', async () => {
    const submitted = await api.submitTask('process', { image: await shot() });
    // What a crash between inserting the row and enqueuing leaves: a queued task and no job.
    await t.hub.db.query('DELETE FROM agenda_jobs WHERE name = ?', ['process-task']);
    await tasks().update({ id: submitted.id }, { jobId: null });

    expect(await t.hub.services.tasks.sweeper.recover(later(STRANDED_AFTER_MS - 5_000))).toEqual({
      requeued: 0,
      renotified: 0,
    });
    expect(await t.hub.services.tasks.sweeper.recover(later(STRANDED_AFTER_MS + 5_000))).toEqual({
      requeued: 1,
      renotified: 0,
    });
    const { jobId } = await tasks().findOneByOrFail({ id: submitted.id });
    expect(await t.hub.db.query('SELECT id FROM agenda_jobs WHERE id = ?', [jobId])).toHaveLength(1);
    // Sweeping again changes nothing: the task has a job now.
    expect(await t.hub.services.tasks.sweeper.recover(later(STRANDED_AFTER_MS + 5_000))).toEqual({
      requeued: 0,
      renotified: 0,
    });

    await startWorker();
    expect(await api.waitForTask(submitted.id, { intervalMs: 50 })).toMatchObject({
      status: 'succeeded',
      attempts: 1,
    });
  });

  it('a second job for the same task does not run it again', async () => {
    const submitted = await api.submitTask('process', { image: await shot() });
    await t.hub.jobs.enqueue('process-task', { taskId: submitted.id });
    const events: TaskFinishedEvent[] = [];
    const running = await startWorker();
    running.services.events.on('task.finished', (event) => void events.push(event));
    expect(await api.waitForTask(submitted.id, { intervalMs: 50 })).toMatchObject({
      status: 'succeeded',
      attempts: 1,
    });
    await until(
      async () =>
        (await t.hub.db.query(`SELECT id FROM agenda_jobs WHERE name = 'process-task'`)).length === 0,
    );
    expect(events.filter((event) => event.taskId === submitted.id)).toHaveLength(1);
  });

  it('a task whose worker died on every run ends failed once its attempts are used up', async () => {
    const submitted = await api.submitTask('process', { image: await shot() });
    // Three runs started and none finished: the state the third dead worker leaves behind.
    await tasks().update({ id: submitted.id }, { status: 'processing', attempts: 3, startedAt: new Date() });
    await startWorker();
    const failed = await api.waitForTask(submitted.id, { intervalMs: 50 });
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: { code: 'internal', message: expect.stringMatching(/started 3 times/) },
    });
  });

  it('task.finished is emitted again until every subscriber took it', async () => {
    const running = await startWorker();
    let refusals = 1;
    const seen: string[] = [];
    running.services.events.on('task.finished', (event) => {
      if (refusals-- > 0) throw new Error('subscriber down');
      seen.push(event.id);
    });
    const task = await api.submitTask('process', { image: await shot() }, {}, { wait: 30 });
    expect(task.status).toBe('succeeded');
    expect((await tasks().findOneByOrFail({ id: task.id })).notifiedAt).toBeNull();
    expect(await running.services.tasks.sweeper.recover(later(STRANDED_AFTER_MS + 5_000))).toEqual({
      requeued: 0,
      renotified: 1,
    });
    expect(seen).toEqual([`${task.id}.succeeded`]);
    expect((await tasks().findOneByOrFail({ id: task.id })).notifiedAt).not.toBeNull();
    expect(await running.services.tasks.sweeper.recover(later(STRANDED_AFTER_MS + 5_000))).toEqual({
      requeued: 0,
      renotified: 0,
    });
  });

  it('after retention: inputs and result deleted, the task expired (410); 30 days later the task is gone (404)', async () => {
    await startWorker();
    const succeeded = await api.submitTask('process', { image: await shot() }, {}, { wait: 30 });
    const failed = await api.submitTask(
      'process',
      { image: { data: (await shot()).data.subarray(0, 400), filename: 'cut.jpg' } },
      {},
      { wait: 30 },
    );
    expect([succeeded.status, failed.status]).toEqual(['succeeded', 'failed']);
    const { organizationId, inputs } = await tasks().findOneByOrFail({ id: succeeded.id });
    const { blobs, tasks: service } = t.hub.services;
    // Inputs go when the task ends; the result stays until retention.
    expect(await blobs.exists(organizationId, inputs[0]!.blobKey)).toBe(false);

    expect((await service.sweeper.purge(later(6 * DAY))).tasks).toEqual({ expired: 0, rows: 0 });
    expect((await api.downloadTaskResult(succeeded.id)).data.length).toBeGreaterThan(0);
    const purged = await service.sweeper.purge(later(7 * DAY + 60_000));
    expect(purged.tasks.expired).toBeGreaterThanOrEqual(1); // this file's earlier tasks expire too
    expect(purged.results.blobs).toBeGreaterThanOrEqual(1);
    expect(await api.task(succeeded.id)).toMatchObject({ status: 'expired', output: null });
    expect((await api.task(failed.id)).status).toBe('failed');
    const gone = await failureOf(api.downloadTaskResult(succeeded.id));
    expect([gone.status, gone.code]).toEqual([410, 'result_expired']);

    expect((await service.sweeper.purge(later(38 * DAY))).tasks.rows).toBeGreaterThanOrEqual(2);
    for (const id of [succeeded.id, failed.id]) expect((await failureOf(api.task(id))).status).toBe(404);
  });
});
