import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import type { HubClient } from '@pixport/shared';
import { pngDeclaring, productOn } from '../processing/test-images.js';
import { multipartForm } from '../test-support/multipart.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { WebhookReceiver } from '../test-support/webhook-receiver.js';

const shot = async () => ({ data: await productOn('#ffffff', { width: 300, height: 200 }, { left: 100, top: 50, width: 100, height: 100 }), filename: 'shoe.jpg' });

describe('webhooks of finished tasks', () => {
  let t: TestHub;
  let api: HubClient;
  let hooks: WebhookReceiver;
  let callback: WebhookReceiver;
  let subscriptionSecret: string;
  beforeAll(async () => {
    t = await startTestHub({ WEBHOOKS_ALLOW_PRIVATE: 'true', PUBLIC_URL: 'https://pixport.test', COOKIE_SECURE: 'false' });
    [hooks, callback] = [await WebhookReceiver.start(), await WebhookReceiver.start()];
    const { key } = await t.newKey();
    api = t.client({ apiKey: key.key });
    subscriptionSecret = (await api.createWebhook({ url: hooks.url, events: ['task.succeeded', 'task.failed'] })).secret;
  });
  afterAll(async () => {
    await hooks.close();
    await callback.close();
    await t.close();
  });

  it('a succeeded seed task calls its callback (signed with webhook_secret) and the subscription, with the seed payload', async () => {
    const { task_id: id } = await api.submitProcessingTask('rm-bg', { image: await shot() }, { webhook_url: `${callback.url}/cb`, 'webhook_events[]': 'succeeded', webhook_secret: 'seed-callback-secret' });
    const [toCallback] = await callback.waitFor(1);
    const payload = new Webhook('seed-callback-secret', { format: 'raw' }).verify(toCallback!.body, toCallback!.headers);
    expect(payload).toEqual({
      id: expect.stringMatching(/^evt_/),
      event: 'task.succeeded',
      created_at: expect.any(String),
      task_id: id,
      endpoint: 'rm-bg',
      status: 'succeeded',
      status_url: `https://pixport.test/api/processing-tasks/${id}/status`,
      result_url: `https://pixport.test/api/processing-tasks/${id}/result`,
      output_filename: expect.stringMatching(/\.png$/),
      sequence: 1,
    });
    const toSubscription = (await hooks.waitFor(1)).find((request) => request.body.includes(id))!;
    expect(new Webhook(subscriptionSecret).verify(toSubscription.body, toSubscription.headers)).toEqual(payload);
  });

  it('a failed v1 task sends task.failed with the error to the subscription, and not to a callback that asked only for successes', async () => {
    const before = callback.requests.length;
    const task = await api.submitTask('process', { image: { data: pngDeclaring(64, 64), filename: 'broken.png' } }, {}, { webhookUrl: callback.url, webhookEvents: ['succeeded'], wait: 30 });
    expect(task.status).toBe('failed');
    const deadline = Date.now() + 10_000;
    let request;
    while (!(request = hooks.requests.find((entry) => entry.body.includes(task.id))) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const payload = new Webhook(subscriptionSecret).verify(request!.body, request!.headers) as Record<string, unknown>;
    expect(payload).toMatchObject({
      event: 'task.failed',
      task_id: task.id,
      status: 'failed',
      status_url: `https://pixport.test/api/v1/jobs/${task.id}`,
      output_filename: null,
      error: { code: 'invalid_image', message: expect.any(String) },
    });
    expect(payload).not.toHaveProperty('result_url');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(callback.requests.length).toBe(before);
  });

  it('emitting task.finished again (the recovery sweep) sends nothing twice', async () => {
    const task = await api.submitTask('process', { image: await shot() }, { width: 100, height: 100 }, { wait: 30 });
    const deliveries = async () => (await api.allWebhookDeliveries({ task_id: task.id })).data.length;
    const deadline = Date.now() + 10_000;
    while ((await deliveries()) < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await t.hub.db.query('UPDATE tasks SET notified_at = NULL WHERE id = ?', [task.id]);
    const swept = await t.hub.services.tasks.sweeper.recover(new Date(Date.now() + 3600_000));
    expect(swept.renotified).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await deliveries()).toBe(1);
  });
});

describe('task callback URLs with the SSRF guard on', () => {
  it('refuses private and metadata addresses with 422 at submission, before anything is queued or reserved', async () => {
    const t = await startTestHub();
    try {
      const { key } = await t.newKey();
      const api = t.client({ apiKey: key.key });
      const v1 = await api.raw({ method: 'post', url: '/api/v1/jobs', data: multipartForm({ operation: 'process', webhookUrl: 'http://127.0.0.1:9/hook' }, { image: await shot() }) });
      expect(v1.status).toBe(422);
      expect(v1.data).toMatchObject({ code: 'invalid_parameter', errors: [{ field: 'webhookUrl' }] });
      const seed = await api.raw({ method: 'post', url: '/api/processing-tasks/rm-bg', data: multipartForm({ webhook_url: 'http://169.254.169.254/latest/meta-data' }, { image: await shot() }) });
      expect(seed.status).toBe(422);
      expect(seed.data).toMatchObject({ errors: [{ field: 'webhook_url', message: expect.stringContaining('link-local') }] });
      expect((await api.listTasks()).data).toEqual([]);
      expect((await api.account()).credits).toMatchObject({ balance: 100, reserved: 0 });
    } finally {
      await t.close();
    }
  });
});

