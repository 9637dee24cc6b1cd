import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { HubClient, ProcessingTask } from '@pixport/shared';
import { describeImage, pixelAt, productOn, renderedText, testClip } from '../processing/test-images.js';
import { failureOf } from '../test-support/failure.js';
import { multipartForm as form } from '../test-support/multipart.js';
import { useTaskRoutesHub } from '../test-support/task-routes-hub.js';
import type { TestHub } from '../test-support/test-hub.js';

jest.setTimeout(60_000);

const shot = async (filename = 'source.png') => ({
  data: await productOn(
    '#ffffff',
    { width: 300, height: 200 },
    { left: 100, top: 50, width: 100, height: 100 },
    'png',
  ),
  filename,
});
const frame = async (color: string) => ({
  data: await productOn(
    color,
    { width: 80, height: 60 },
    { left: 20, top: 20, width: 20, height: 20 },
    'png',
  ),
  filename: `${color}.png`,
});

describe('async tasks, seed contract (/api/processing-tasks)', () => {
  const hub = useTaskRoutesHub();
  const { engine } = hub;
  let t: TestHub;
  let api: HubClient;
  beforeAll(() => {
    ({ t, api } = hub);
  });

  /** Polls the status URL like the plugin does, until the task ended. */
  const settled = async (client: HubClient, id: string) => {
    for (;;) {
      const status = await client.processingTaskStatus(id);
      if (!['queued', 'processing'].includes(status.status)) return status;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('rm-bg: 202 with polling URLs, the callback settings kept, status until succeeded, the result downloads', async () => {
    const response = await api.raw<ProcessingTask>({
      method: 'post',
      url: '/api/processing-tasks/rm-bg',
      headers: { Accept: 'application/json' },
      data: form(
        {
          webhook_url: 'https://example.com/hooks/pixport',
          'webhook_events[]': ['succeeded'],
          webhook_secret: 'shared-secret',
        },
        { image: await shot() },
      ),
    });
    expect(response.status).toBe(202);
    const id = response.data.task_id;
    expect(response.data).toMatchObject({
      task_id: expect.stringMatching(/^task_/),
      endpoint: 'rm-bg',
      operation: 'remove-background',
      status: expect.stringMatching(/^(queued|processing|succeeded)$/),
      status_url: `${t.url}/api/processing-tasks/${id}/status`,
      result_url: `${t.url}/api/processing-tasks/${id}/result`,
    });
    expect(response.headers.location).toBe(response.data.status_url);

    const done = await settled(api, id);
    expect(done).toMatchObject({
      status: 'succeeded',
      progress: 100,
      output_filename: 'source-remove-background.png',
      error: null,
    });
    const file = await api.processingTaskResult(id);
    expect([file.contentType, file.filename]).toEqual(['image/png', 'source-remove-background.png']);
    expect((await pixelAt(Buffer.from(file.data), 3, 3))[3]).toBe(0);
    expect((await pixelAt(Buffer.from(file.data), 150, 100))[3]).toBe(255);
    // The same task through the v1 routes, with its callback settings (the secret never shown).
    expect((await api.task(id)).webhook).toEqual({
      url: 'https://example.com/hooks/pixport',
      events: ['succeeded'],
      has_secret: true,
    });
    expect(await t.hub.services.tasks.callbackSecret(id)).toBe('shared-secret');
  });

  it('gif-maker takes frames[], gif-from-video a video, ocr an image; any operation name or alias works', async () => {
    const gif = await api.submitProcessingTask(
      'gif-maker',
      { frames: [await frame('#ff0000'), await frame('#00ff00'), await frame('#0000ff')] },
      { delay: 20 },
    );
    const video = await api.submitProcessingTask(
      'gif-from-video',
      { video: { data: await testClip(1), filename: 'clip.mp4' } },
      { fps: 5, width: 120 },
    );
    const ocr = await api.submitProcessingTask('ocr', {
      image: { data: await renderedText('SEED 7'), filename: 'label.png' },
    });
    const fit = await api.submitProcessingTask(
      'fit',
      { image: await shot('fit.png') },
      { width: 500, height: 500 },
    );
    const upscale = await api.submitProcessingTask('upscale', { image: await shot('up.png') }, { scale: 2 });

    const gifResult = await settled(api, gif.task_id);
    expect(gifResult).toMatchObject({ status: 'succeeded', endpoint: 'gif-maker', operation: 'gif' });
    expect(
      await describeImage(Buffer.from((await api.processingTaskResult(gif.task_id)).data)),
    ).toMatchObject({ format: 'gif', width: 80, pages: 3 });
    expect(await settled(api, video.task_id)).toMatchObject({
      status: 'succeeded',
      output_filename: 'clip-gif-from-video.gif',
    });
    expect(
      await describeImage(Buffer.from((await api.processingTaskResult(video.task_id)).data)),
    ).toMatchObject({ format: 'gif', width: 120 });
    expect(await settled(api, ocr.task_id)).toMatchObject({
      status: 'succeeded',
      output_filename: 'label-ocr.json',
    });
    expect(
      JSON.parse(new TextDecoder().decode((await api.processingTaskResult(ocr.task_id)).data)).text,
    ).toMatch(/SEED/);
    expect(await settled(api, fit.task_id)).toMatchObject({
      status: 'succeeded',
      endpoint: 'fit',
      operation: 'process',
    });
    expect(
      await describeImage(Buffer.from((await api.processingTaskResult(fit.task_id)).data)),
    ).toMatchObject({ width: 500, height: 500 });
    expect(await settled(api, upscale.task_id)).toMatchObject({ status: 'succeeded', operation: 'upscale' });
  });

  it('a corrupt video fails with invalid_image; its result is 409', async () => {
    const clip = await testClip(1);
    const corrupt = Buffer.concat([clip.subarray(0, 64), Buffer.alloc(4000, 7)]);
    const task = await api.submitProcessingTask(
      'gif-from-video',
      { video: { data: corrupt, filename: 'broken.mp4' } },
      {},
      { wait: 30 },
    );
    expect(task).toMatchObject({ status: 'failed', output_filename: null, error: { code: 'invalid_image' } });
    const result = await failureOf(api.processingTaskResult(task.task_id));
    expect([result.status, result.code]).toEqual([409, 'conflict']);
  });

  it('Prefer: wait answers the finished task with 200', async () => {
    const response = await api.raw<ProcessingTask>({
      method: 'post',
      url: '/api/processing-tasks/rm-bg',
      headers: { Prefer: 'wait=20' },
      data: form({}, { image: await shot() }),
    });
    expect([response.status, response.headers['preference-applied'], response.data.status]).toEqual([
      200,
      'wait=20',
      'succeeded',
    ]);
  });

  it('result: 409 task_not_finished while processing, 410 once expired', async () => {
    engine.hold();
    let id: string;
    try {
      id = (await api.submitProcessingTask('rm-bg', { image: await shot() })).task_id;
      await engine.untilBlocked(1);
      const early = await failureOf(api.processingTaskResult(id));
      expect([early.status, early.code, early.problem.task_status]).toEqual([
        409,
        'task_not_finished',
        'processing',
      ]);
      expect((await api.processingTaskStatus(id)).status).toBe('processing');
    } finally {
      engine.release();
    }
    expect((await settled(api, id!)).status).toBe('succeeded');
    await t.hub.services.tasks.sweeper.purge(new Date(Date.now() + 8 * 24 * 3600_000));
    expect((await api.processingTaskStatus(id!)).status).toBe('expired');
    const gone = await failureOf(api.processingTaskResult(id!));
    expect([gone.status, gone.code]).toEqual([410, 'result_expired']);
  });

  it('refuses unknown endpoints, missing files and bad callback fields with nothing queued', async () => {
    const before = (await api.taskStats()).counts.queued + (await api.taskStats()).counts.succeeded;
    const image = await shot();
    const cases: Array<
      [
        string,
        Record<string, string | string[]>,
        Record<string, { data: Buffer; filename: string }>,
        number,
        string,
        string?,
      ]
    > = [
      ['teleport', {}, { image }, 404, 'not_found'],
      ['rm-bg', {}, {}, 422, 'invalid_parameter', 'image'],
      ['gif-from-video', {}, { image }, 422, 'invalid_parameter', 'image'],
      ['rm-bg', { webhook_url: 'javascript:alert(1)' }, { image }, 422, 'invalid_parameter', 'webhook_url'],
      [
        'rm-bg',
        { webhook_url: 'https://example.com/h', 'webhook_events[]': ['succeeded', 'exploded'] },
        { image },
        422,
        'invalid_parameter',
        'webhook_events',
      ],
      ['rm-bg', { 'webhook_events[]': ['failed'] }, { image }, 422, 'invalid_parameter', 'webhook_events'],
      ['rm-bg', { webhookUrl: 'https://example.com/h' }, { image }, 422, 'invalid_parameter', 'webhookUrl'],
      ['rm-bg', { operation: 'ocr' }, { image }, 422, 'invalid_parameter', 'operation'],
      ['rm-bg', { crop_margin: 'lots' }, { image }, 422, 'invalid_parameter', 'crop_margin'],
    ];
    for (const [endpoint, fields, files, status, code, field] of cases) {
      const response = await api.raw<{ code: string; errors?: Array<{ field: string }> }>({
        method: 'post',
        url: `/api/processing-tasks/${endpoint}`,
        data: form(fields, files),
      });
      expect([endpoint, fields, response.status, response.data.code]).toEqual([
        endpoint,
        fields,
        status,
        code,
      ]);
      if (field) expect(response.data.errors?.map((error) => error.field)).toContain(field);
    }
    const stats = await api.taskStats();
    expect(stats.counts.queued + stats.counts.succeeded).toBe(before);
  });

  it('a dashboard session may submit and poll; no credentials is 401; another organization gets 404', async () => {
    const { client: session } = await t.newAccount('Plugin admin');
    const task = await session.submitProcessingTask('rm-bg', { image: await shot() });
    expect((await settled(session, task.task_id)).status).toBe('succeeded');
    expect((await session.processingTaskResult(task.task_id)).contentType).toBe('image/png');

    const anonymous = await failureOf(t.client().processingTaskStatus(task.task_id));
    expect([anonymous.status, anonymous.code]).toEqual([401, 'missing_api_key']);
    const anonymousSubmit = await failureOf(
      t.client().submitProcessingTask('rm-bg', { image: await shot() }),
    );
    expect([anonymousSubmit.status, anonymousSubmit.code]).toEqual([401, 'missing_api_key']);
    for (const call of [
      () => api.processingTaskStatus(task.task_id),
      () => api.processingTaskResult(task.task_id),
    ]) {
      const failure = await failureOf(call());
      expect([failure.status, failure.code]).toEqual([404, 'not_found']);
    }
  });
});
