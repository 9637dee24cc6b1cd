import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { HubClient, Task } from '@pixport/shared';
import { describeImage, pngDeclaring, productOn, renderedText } from '../processing/test-images.js';
import { failureOf } from '../test-support/failure.js';
import { multipartForm as form } from '../test-support/multipart.js';
import { useTaskRoutesHub } from '../test-support/task-routes-hub.js';
import type { TestHub } from '../test-support/test-hub.js';
import { until } from '../test-support/until.js';

jest.setTimeout(60_000);

const shot = () =>
  productOn('#ffffff', { width: 300, height: 200 }, { left: 100, top: 50, width: 100, height: 100 });
const named = async (filename: string) => ({ data: await shot(), filename });

describe('async tasks, v1 routes (/api/v1/jobs)', () => {
  const hub = useTaskRoutesHub({ TASK_RETRY_DELAY_MS: '20', TASK_MAX_ATTEMPTS: '3' });
  const { engine } = hub;
  let t: TestHub;
  let api: HubClient;
  let orgId: string;
  beforeAll(() => {
    ({ t, api, orgId } = hub);
  });

  it('submit answers 202 with Location and polling URLs; the task runs and its output downloads', async () => {
    const response = await api.raw<Task>({
      method: 'post',
      url: '/api/v1/jobs',
      data: form(
        { operation: 'process', width: '400', height: '400', format: 'png' },
        { image: await named('red shoe.jpg') },
      ),
    });
    expect(response.status).toBe(202);
    const submitted = response.data;
    expect(submitted).toMatchObject({
      id: expect.stringMatching(/^task_[0-9A-Za-z]{24}$/),
      status: expect.stringMatching(/^(queued|processing|succeeded)$/),
      operation: 'process',
      status_url: `${t.url}/api/v1/jobs/${submitted.id}`,
      result_url: `${t.url}/api/v1/jobs/${submitted.id}/result`,
      params: expect.objectContaining({ width: 400, height: 400, format: 'png' }),
      webhook: null,
    });
    expect(response.headers.location).toBe(submitted.status_url);
    expect(Date.parse(submitted.created_at)).toBeGreaterThan(Date.now() - 60_000);

    const done = await api.waitForTask(submitted.id, { intervalMs: 50 });
    expect(done).toMatchObject({
      status: 'succeeded',
      progress: 100,
      attempts: 1,
      error: null,
      cancel_requested: false,
    });
    expect(done.output).toMatchObject({
      content_type: 'image/png',
      width: 400,
      height: 400,
      filename: 'red-shoe-process.png',
    });
    expect(Date.parse(done.expires_at!) - Date.parse(done.finished_at!)).toBe(7 * 24 * 3600_000);
    const file = await api.downloadTaskResult(done.id);
    expect([file.contentType, file.filename]).toEqual(['image/png', 'red-shoe-process.png']);
    expect(await describeImage(Buffer.from(file.data))).toMatchObject({
      format: 'png',
      width: 400,
      height: 400,
    });
    // The output is a result like a sync call's, downloadable by its URL too.
    expect(
      Buffer.from((await api.downloadResult(done.output!.url)).data).equals(Buffer.from(file.data)),
    ).toBe(true);
  });

  it('Prefer: wait holds the answer until the task finished (200), capped at 60 s', async () => {
    const response = await api.raw<Task>({
      method: 'post',
      url: '/api/v1/jobs',
      data: form({ operation: 'upscale' }, { image: await named('a.png') }),
      headers: { Prefer: 'respond-async, wait=30' },
    });
    expect([response.status, response.headers['preference-applied'], response.data.status]).toEqual([
      200,
      'wait=30',
      'succeeded',
    ]);
    expect(response.data.output).toMatchObject({ width: 600, height: 400 });
    const capped = await api.raw<Task>({
      method: 'post',
      url: '/api/v1/jobs',
      data: form({ operation: 'process' }, { image: await named('b.png') }),
      headers: { Prefer: 'wait=600' },
    });
    expect([capped.status, capped.headers['preference-applied']]).toEqual([200, 'wait=60']);
  });

  it('Prefer: wait answers the task as it is (202) when it does not finish in time', async () => {
    engine.hold();
    try {
      const started = Date.now();
      const response = await api.raw<Task>({
        method: 'post',
        url: '/api/v1/jobs',
        data: form({ operation: 'remove-background' }, { image: await named('c.png') }),
        headers: { Prefer: 'wait=1' },
      });
      expect([response.status, response.data.status]).toEqual([202, 'processing']);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    } finally {
      engine.release();
    }
  });

  it('an OCR task keeps its report as a JSON result', async () => {
    const task = await api.submitTask(
      'ocr',
      { image: { data: await renderedText('PIXPORT 42'), filename: 'label.png' } },
      {},
      { wait: 30 },
    );
    expect(task.status).toBe('succeeded');
    expect(task.output).toMatchObject({
      content_type: 'application/json',
      filename: 'label-ocr.json',
      width: 600,
      height: 120,
    });
    const report = JSON.parse(new TextDecoder().decode((await api.downloadTaskResult(task.id)).data)) as {
      text: string;
    };
    expect(report.text).toMatch(/PIXPORT/);
    expect((task.metadata as { text: string }).text).toBe(report.text);
  });

  it('corrupt input fails at once with the engine’s error code; its result is 409', async () => {
    const task = await api.submitTask(
      'process',
      { image: { data: pngDeclaring(64, 64), filename: 'broken.png' } },
      {},
      { wait: 30 },
    );
    expect(task).toMatchObject({
      status: 'failed',
      attempts: 1,
      output: null,
      error: { code: 'invalid_image', message: expect.stringMatching(/could not be decoded/) },
    });
    const result = await failureOf(api.downloadTaskResult(task.id));
    expect([result.status, result.code, result.problem.status]).toEqual([409, 'conflict', 409]);
    expect(result.problem).toMatchObject({ task_status: 'failed', task_error: { code: 'invalid_image' } });
  });

  it('a transient failure is retried with backoff and then succeeds; one that persists fails after the attempt limit', async () => {
    engine.failures = 2;
    const recovered = await api.submitTask(
      'remove-background',
      { image: await named('d.png') },
      {},
      { wait: 30 },
    );
    expect(recovered).toMatchObject({ status: 'succeeded', attempts: 3, error: null });

    engine.failures = 3;
    const broken = await api.submitTask(
      'remove-background',
      { image: await named('e.png') },
      {},
      { wait: 30 },
    );
    expect(broken).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: { code: 'internal', message: 'The task failed 3 times with an internal error.' },
    });
    expect(engine.failures).toBe(0);
  });

  it('cancel: a queued task at once, a processing one at its next checkpoint, a finished one is 409', async () => {
    engine.hold();
    let running: Task[];
    let queued: Task;
    try {
      // Two runs at a time per process: two held, the third waits in the queue.
      const blocked = engine.blocked;
      running = [
        await api.submitTask('remove-background', { image: await named('f.png') }),
        await api.submitTask('remove-background', { image: await named('g.png') }),
      ];
      await engine.untilBlocked(blocked + 2);
      queued = await api.submitTask('remove-background', { image: await named('h.png') });
      await until(async () => (await api.task(running[1]!.id)).status === 'processing');
      expect((await api.task(queued.id)).status).toBe('queued');
      const early = await failureOf(api.downloadTaskResult(running[0]!.id));
      expect([early.status, early.code, early.problem.task_status]).toEqual([
        409,
        'task_not_finished',
        'processing',
      ]);

      const canceledNow = await api.raw<Task>({ method: 'post', url: `/api/v1/jobs/${queued.id}/cancel` });
      expect([canceledNow.status, canceledNow.data.status, canceledNow.data.finished_at !== null]).toEqual([
        200,
        'canceled',
        true,
      ]);
      const requested = await api.raw<Task>({ method: 'post', url: `/api/v1/jobs/${running[0]!.id}/cancel` });
      expect([requested.status, requested.data.status, requested.data.cancel_requested]).toEqual([
        202,
        'processing',
        true,
      ]);
    } finally {
      engine.release();
    }
    expect(await api.waitForTask(running[0]!.id, { intervalMs: 50 })).toMatchObject({
      status: 'canceled',
      output: null,
      cancel_requested: false,
    });
    expect((await api.waitForTask(running[1]!.id, { intervalMs: 50 })).status).toBe('succeeded');
    expect((await api.cancelTask(queued!.id)).status).toBe('canceled');
    const finished = await failureOf(api.cancelTask(running[1]!.id));
    expect([finished.status, finished.code]).toEqual([409, 'conflict']);
    const result = await failureOf(api.downloadTaskResult(queued!.id));
    expect([result.status, result.code]).toEqual([409, 'conflict']);
  });

  it('lists newest first with status and operation filters and a cursor; looks up ids in batch; counts by status', async () => {
    const { key } = await t.newKey();
    const own = t.client({ apiKey: key.key });
    const made: Task[] = [];
    for (const operation of ['process', 'upscale', 'process', 'process'] as const)
      made.push(await own.submitTask(operation, { image: await named('l.png') }, {}, { wait: 30 }));
    const failed = await own.submitTask('process', { image: pngDeclaring(8, 8) }, {}, { wait: 30 });

    const first = await own.listTasks({ limit: 2 });
    expect(first.data.map((task) => task.id)).toEqual([failed.id, made[3]!.id]);
    const second = await own.listTasks({ limit: 2, cursor: first.next_cursor! });
    const third = await own.listTasks({ limit: 2, cursor: second.next_cursor! });
    expect([...second.data, ...third.data].map((task) => task.id)).toEqual([
      made[2]!.id,
      made[1]!.id,
      made[0]!.id,
    ]);
    expect(third.next_cursor).toBeNull();
    expect((await own.listTasks({ operation: 'upscale' })).data.map((task) => task.id)).toEqual([
      made[1]!.id,
    ]);
    expect((await own.listTasks({ status: 'failed' })).data.map((task) => task.id)).toEqual([failed.id]);
    expect((await own.listTasks({ status: ['failed', 'succeeded'], operation: 'fit' })).data).toHaveLength(4);

    const batch = await own.tasksByIds([made[1]!.id, 'task_nope', failed.id, made[1]!.id]);
    expect(batch.data.map((task) => task.id)).toEqual([made[1]!.id, failed.id]);
    expect(batch.missing).toEqual(['task_nope']);
    const tooMany = await failureOf(
      own.tasksByIds(Array.from({ length: 101 }, (_, index) => `task_${index}`)),
    );
    expect([tooMany.status, tooMany.problem.errors?.[0]?.field]).toEqual([422, 'ids']);

    const stats = await own.taskStats();
    expect(stats.counts).toEqual({
      queued: 0,
      processing: 0,
      succeeded: 4,
      failed: 1,
      canceled: 0,
      expired: 0,
    });
    expect(stats.recent.map((task) => task.id)).toEqual([
      failed.id,
      ...made.map((task) => task.id).reverse(),
    ]);
    const badCursor = await failureOf(own.listTasks({ cursor: 'garbage' }));
    expect([badCursor.status, badCursor.problem.errors?.[0]?.field]).toEqual([422, 'cursor']);
    const badStatus = await failureOf(own.listTasks({ status: 'done' as never }));
    expect([badStatus.status, badStatus.problem.errors?.[0]?.field]).toEqual([422, 'status.0']);
  });

  it('another organization’s task is a 404 everywhere (and missing in a batch)', async () => {
    const mine = await api.submitTask('process', { image: await named('m.png') }, {}, { wait: 30 });
    const { key } = await t.newKey();
    const other = t.client({ apiKey: key.key });
    // One call at a time: a rejection must have its handler before it happens.
    for (const call of [
      () => other.task(mine.id),
      () => other.downloadTaskResult(mine.id),
      () => other.cancelTask(mine.id),
      () => other.downloadResult(mine.output!.url),
    ]) {
      const failure = await failureOf(call());
      expect([failure.status, failure.code]).toEqual([404, 'not_found']);
    }
    expect(await other.tasksByIds([mine.id])).toEqual({ data: [], next_cursor: null, missing: [mine.id] });
    expect((await other.listTasks()).data).toEqual([]);
    expect((await other.taskStats()).counts.succeeded).toBe(0);
  });

  it('refuses bad submissions before anything is queued', async () => {
    const before = (await api.taskStats()).counts;
    const image = await named('x.png');
    const cases: Array<
      [Record<string, string>, Record<string, { data: Buffer; filename: string }>, number, string, string?]
    > = [
      [{}, { image }, 422, 'invalid_parameter', 'operation'],
      [{ operation: 'teleport' }, { image }, 422, 'invalid_parameter', 'operation'],
      [{ operation: 'process', width: '-3' }, { image }, 422, 'invalid_parameter', 'width'],
      [{ operation: 'process' }, {}, 422, 'invalid_parameter', 'image'],
      [
        { operation: 'process', webhookUrl: 'ftp://example.com/hook' },
        { image },
        422,
        'invalid_parameter',
        'webhookUrl',
      ],
      [
        { operation: 'process', webhookSecret: 'long enough secret' },
        { image },
        422,
        'invalid_parameter',
        'webhookSecret',
      ],
      [
        { operation: 'process', webhookUrl: 'https://example.com/h', webhookEvents: 'succeeded,exploded' },
        { image },
        422,
        'invalid_parameter',
        'webhookEvents',
      ],
      [
        { operation: 'process', webhookUrl: 'https://example.com/h', webhookSecret: 'short' },
        { image },
        422,
        'invalid_parameter',
        'webhookSecret',
      ],
      [
        { operation: 'process', webhook_url: 'https://example.com/h' },
        { image },
        422,
        'invalid_parameter',
        'webhook_url',
      ],
      [
        { operation: 'process' },
        { image: { data: Buffer.from('not an image at all'), filename: 'x.png' } },
        415,
        'unsupported_media_type',
      ],
      [
        { operation: 'process' },
        { image: { data: pngDeclaring(30_000, 30_000), filename: 'bomb.png' } },
        413,
        'payload_too_large',
      ],
    ];
    for (const [fields, files, status, code, field] of cases) {
      const response = await api.raw<{ code: string; errors?: Array<{ field: string }> }>({
        method: 'post',
        url: '/api/v1/jobs',
        data: form(fields, files),
      });
      expect([fields, response.status, response.data.code]).toEqual([fields, status, code]);
      if (field) expect(response.data.errors?.map((error) => error.field)).toContain(field);
    }
    const json = await api.raw<{ code: string }>({
      method: 'post',
      url: '/api/v1/jobs',
      data: { operation: 'process' },
    });
    expect([json.status, json.data.code]).toEqual([415, 'unsupported_media_type']);
    expect((await api.taskStats()).counts).toEqual(before);
  });

  it('scopes: `tasks:read` reads but cannot submit; `process` keys submit and follow their tasks', async () => {
    const { owner } = await t.newKey();
    const reader = t.client({
      apiKey: (await owner.createKey({ name: 'reader', scopes: ['tasks:read'] })).key,
    });
    const runner = t.client({ apiKey: (await owner.createKey({ name: 'runner', scopes: ['process'] })).key });
    const usage = t.client({
      apiKey: (await owner.createKey({ name: 'usage', scopes: ['usage:read'] })).key,
    });
    const denied = await failureOf(reader.submitTask('process', { image: await named('s.png') }));
    expect([denied.status, denied.code, denied.problem.detail]).toEqual([
      403,
      'insufficient_scope',
      'This API key lacks the `tasks:write` or `process` scope.',
    ]);
    const task = await runner.submitTask('process', { image: await named('s.png') }, {}, { wait: 30 });
    expect((await reader.task(task.id)).status).toBe('succeeded');
    expect((await runner.downloadTaskResult(task.id)).contentType).toBe('image/jpeg');
    expect((await failureOf(usage.task(task.id))).code).toBe('insufficient_scope');
    expect((await failureOf(t.client().task(task.id))).code).toBe('missing_api_key');
  });

  it('a dashboard session submits and reads its organization’s tasks', async () => {
    const { client: session, me } = await t.newAccount('Dashboard');
    const task = await session.submitTask(
      'process',
      { image: await named('dash.png') },
      { preset: 'amazon' },
      { wait: 30 },
    );
    expect(task).toMatchObject({
      status: 'succeeded',
      params: expect.objectContaining({ width: 2000, height: 2000 }),
    });
    expect((await session.listTasks()).data.map((item) => item.id)).toEqual([task.id]);
    expect(me.organization.id).not.toBe(orgId);

    // A viewer of that organization reads its tasks but may not submit or cancel.
    const viewer = await t.newAccount('Viewer');
    await session.addMember(me.organization.id, { email: viewer.email, role: 'viewer' });
    await viewer.client.switchOrganization(me.organization.id);
    expect((await viewer.client.task(task.id)).status).toBe('succeeded');
    for (const call of [
      () => viewer.client.submitTask('process', { image: { data: Buffer.alloc(8), filename: 'x.png' } }),
      () => viewer.client.cancelTask(task.id),
    ]) {
      const refused = await failureOf(call());
      expect([refused.status, refused.code]).toEqual([403, 'forbidden']);
    }
  });

  it('keeps the webhook settings, the secret encrypted at rest, and emits task.finished', async () => {
    const events: unknown[] = [];
    const off = t.hub.services.events.on('task.finished', (event) => void events.push(event));
    try {
      const task = await api.submitTask(
        'process',
        { image: await named('hook.png') },
        {},
        {
          webhookUrl: 'https://example.com/hooks/pixport',
          webhookEvents: ['failed'],
          webhookSecret: 'shared-secret-123',
          wait: 30,
        },
      );
      expect(task.webhook).toEqual({
        url: 'https://example.com/hooks/pixport',
        events: ['failed'],
        has_secret: true,
      });
      // The wait ends when task.finished is emitted; notified_at is written once every subscriber
      // (webhooks, credits) has taken the event, a moment later.
      const read = async () =>
        (
          (await t.hub.db.query('SELECT webhook_secret, notified_at FROM tasks WHERE id = ?', [
            task.id,
          ])) as Array<{
            webhook_secret: string;
            notified_at: unknown;
          }>
        )[0];
      let row = await read();
      for (let i = 0; i < 100 && row?.notified_at === null; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        row = await read();
      }
      expect(row!.webhook_secret).toMatch(/^v1\./);
      expect(row!.webhook_secret).not.toContain('shared-secret-123');
      // Every subscriber (the webhook dispatcher too) took the event, after the waiting request was woken.
      await until(
        async () =>
          (
            await t.hub.db.query('SELECT notified_at FROM tasks WHERE id = ? AND notified_at IS NOT NULL', [
              task.id,
            ])
          ).length === 1,
      );
      expect(await t.hub.services.tasks.callbackSecret(task.id)).toBe('shared-secret-123');
      expect(events).toEqual([
        expect.objectContaining({
          id: `${task.id}.succeeded`,
          taskId: task.id,
          organizationId: orgId,
          operation: 'process',
          endpoint: 'process',
          api: 'v1',
          status: 'succeeded',
          error: null,
          resultId: expect.stringMatching(/^res_/),
          outputFilename: 'hook-process.jpg',
          statusPath: `/api/v1/jobs/${task.id}`,
          resultPath: `/api/v1/jobs/${task.id}/result`,
          callback: { url: 'https://example.com/hooks/pixport', events: ['failed'], hasSecret: true },
        }),
      ]);
    } finally {
      off();
    }
  });
});
