import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import type { HubClient, WebhookDelivery } from '@pixport/shared';
import { WebhookMessageRow } from '../db/entities/webhook-message.entity.js';
import { failureOf } from '../test-support/failure.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { WebhookReceiver } from '../test-support/webhook-receiver.js';
import type { PublishInput } from './dispatcher.service.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done` holds (the delivery log is written by the worker, behind the receiver). */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not reached: ${JSON.stringify(value).slice(0, 500)}`);
    await sleep(50);
  }
}

describe('webhook delivery', () => {
  let t: TestHub;
  let api: HubClient;
  let organizationId: string;
  const receivers: WebhookReceiver[] = [];

  const receiver = async () => {
    const started = await WebhookReceiver.start();
    receivers.push(started);
    return started;
  };
  const subscribe = async (target: WebhookReceiver, events: string[] = ['task.succeeded', 'task.failed']) =>
    api.createWebhook({ url: `${target.url}/hook`, events: events as never });
  const taskEvent = (taskId: string, extra: Partial<PublishInput> = {}): PublishInput => ({
    organizationId,
    type: 'task.succeeded',
    subjectId: taskId,
    fields: {
      task_id: taskId,
      endpoint: 'rm-bg',
      status: 'succeeded',
      status_url: `https://hub.example/api/processing-tasks/${taskId}/status`,
      result_url: `https://hub.example/api/processing-tasks/${taskId}/result`,
      output_filename: 'out.png',
    },
    ...extra,
  });
  const publish = (input: PublishInput) => t.hub.services.webhooks.dispatcher.publish(input);
  const log = (id: string) => api.webhookDeliveries(id).then((page) => page.data.slice().reverse());

  beforeAll(async () => {
    t = await startTestHub({
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      WEBHOOK_RETRY_SCHEDULE: '100ms,100ms,100ms',
      WEBHOOK_TIMEOUT_MS: '300',
      JOB_POLL_INTERVAL_MS: '100',
    });
    const created = await t.newKey({ scopes: ['webhooks:manage'] });
    api = t.client({ apiKey: created.key.key });
    organizationId = created.me.organization.id;
  });
  afterAll(async () => {
    for (const target of receivers) await target.close();
    await t.close();
  });

  it('delivers a task event to the subscription and to the task callback, each signed with its own secret', async () => {
    const [hooks, callback] = [await receiver(), await receiver()];
    const subscription = await subscribe(hooks);
    const callbackSecret = 'the-task-callback-secret';
    await publish(taskEvent('tsk_a1', { callback: { url: `${callback.url}/cb`, secret: callbackSecret } }));
    const [toSubscription] = await hooks.waitFor(1);
    const [toCallback] = await callback.waitFor(1);

    const payload = new Webhook(subscription.secret).verify(toSubscription!.body, toSubscription!.headers);
    expect(payload).toEqual({
      id: expect.stringMatching(/^evt_/),
      event: 'task.succeeded',
      created_at: expect.any(String),
      task_id: 'tsk_a1',
      endpoint: 'rm-bg',
      status: 'succeeded',
      status_url: 'https://hub.example/api/processing-tasks/tsk_a1/status',
      result_url: 'https://hub.example/api/processing-tasks/tsk_a1/result',
      output_filename: 'out.png',
      sequence: 1,
    });
    expect(new Webhook(callbackSecret, { format: 'raw' }).verify(toCallback!.body, toCallback!.headers)).toEqual(payload);
    expect(toCallback!.path).toBe('/cb');
    expect(toCallback!.headers['x-pixport-signature']).toBe(`sha256=${crypto.createHmac('sha256', callbackSecret).update(toCallback!.body).digest('hex')}`);
    expect(toSubscription!.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': expect.stringMatching(/^Pixport-Webhooks/) });
    expect(toSubscription!.headers['webhook-id']).not.toBe(toCallback!.headers['webhook-id']);

    const callbackLog = await eventually(() => api.allWebhookDeliveries({ task_id: 'tsk_a1' }), (page) => page.data.length === 2);
    expect(callbackLog.data.map((row) => row.webhook_id).sort()).toEqual([null, subscription.id].sort());
  });

  it('sends an unsigned callback (id and timestamp only) when the task gave no secret', async () => {
    const callback = await receiver();
    await publish(taskEvent('tsk_a2', { callback: { url: callback.url, secret: null } }));
    const [request] = await callback.waitFor(1);
    expect(request!.headers['webhook-id']).toMatch(/^msg_/);
    expect(request!.headers['webhook-signature']).toBeUndefined();
    expect(request!.headers['x-pixport-signature']).toBeUndefined();
    expect(JSON.parse(request!.body)).toMatchObject({ event: 'task.succeeded', task_id: 'tsk_a2' });
  });

  it('retries after 500s with the same webhook-id until the receiver takes it, logging every attempt', async () => {
    const hooks = (await receiver()).reply({ status: 500, body: 'x'.repeat(5000) }, { status: 500, body: 'still down' });
    const subscription = await subscribe(hooks);
    await publish(taskEvent('tsk_b1'));
    const requests = await hooks.waitFor(3);
    expect(new Set(requests.map((request) => request.headers['webhook-id'])).size).toBe(1);
    for (const request of requests) expect(new Webhook(subscription.secret).verify(request.body, request.headers)).toMatchObject({ task_id: 'tsk_b1' });

    const attempts = await eventually(() => log(subscription.id), (rows) => rows.length === 3);
    expect(attempts.map((row) => [row.attempt, row.status_code, row.succeeded])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
    expect(attempts[0]!.response_excerpt).toHaveLength(1024);
    expect(attempts[0]!.error).toBe('HTTP 500');
    expect(attempts[0]!.next_attempt_at).not.toBeNull();
    expect(attempts[2]).toMatchObject({ next_attempt_at: null, response_excerpt: 'ok', error: null });
    expect((await api.getWebhook(subscription.id)).active).toBe(true);
  });

  it('gives up a receiver that does not answer within the timeout, then retries', async () => {
    const hooks = (await receiver()).reply({ status: 200, delayMs: 1500 });
    const subscription = await subscribe(hooks);
    await publish(taskEvent('tsk_b2'));
    const attempts = await eventually(() => log(subscription.id), (rows) => rows.length === 2);
    expect(attempts[0]).toMatchObject({ succeeded: false, status_code: null, error: 'timed out after 300 ms' });
    expect(attempts[0]!.duration_ms).toBeGreaterThanOrEqual(290);
    expect(attempts[0]!.duration_ms).toBeLessThan(1500); // did not wait for the late answer
    expect(attempts[1]).toMatchObject({ succeeded: true, status_code: 200 });
  });

  it('waits as long as Retry-After says instead of the schedule', async () => {
    const hooks = (await receiver()).reply({ status: 503, headers: { 'Retry-After': '1' } });
    await subscribe(hooks);
    await publish(taskEvent('tsk_b3'));
    const [first, second] = await hooks.waitFor(2);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('does not follow redirects: a 3xx is a failed attempt and the Location is never called', async () => {
    const elsewhere = await receiver();
    const hooks = (await receiver()).reply({ status: 302, headers: { Location: `${elsewhere.url}/stolen` } });
    const subscription = await subscribe(hooks);
    await publish(taskEvent('tsk_c1'));
    const attempts = await eventually(() => log(subscription.id), (rows) => rows.length === 2);
    expect(attempts[0]).toMatchObject({ succeeded: false, status_code: 302, error: 'redirect (302) not followed' });
    expect(attempts[1]).toMatchObject({ succeeded: true });
    expect(elsewhere.requests).toEqual([]);
  });

  it('disables a subscription answering 410 Gone, stops retrying and writes an audit event', async () => {
    const hooks = (await receiver()).reply({ status: 410 });
    const subscription = await subscribe(hooks);
    await publish(taskEvent('tsk_d1'));
    await eventually(() => api.getWebhook(subscription.id), (hook) => !hook.active);
    expect(await api.getWebhook(subscription.id)).toMatchObject({ active: false, disabled_reason: 'gone', disabled_at: expect.any(String) });
    await publish(taskEvent('tsk_d2'));
    await sleep(500);
    expect(hooks.requests).toHaveLength(1);
    const audit = await t.hub.db.query("SELECT metadata FROM audit_events WHERE action = 'webhook.disabled' AND target_id = ?", [subscription.id]);
    expect(JSON.parse(audit[0].metadata)).toMatchObject({ reason: 'gone', last_status: 410 });
    // Re-enabled by its owner, it receives events again.
    await api.updateWebhook(subscription.id, { active: true });
    await publish(taskEvent('tsk_d3'));
    await hooks.waitFor(2);
  });

  it('disables a subscription that has failed for 5 days without a success', async () => {
    const hooks = (await receiver()).reply({ status: 500 });
    const subscription = await subscribe(hooks);
    const sixDaysAgo = new Date(Date.now() - 6 * 24 * 3600_000);
    await t.hub.db.query('UPDATE webhook_endpoints SET failing_since = ? WHERE id = ?', [sixDaysAgo.toISOString().replace('T', ' ').slice(0, 23), subscription.id]);
    await publish(taskEvent('tsk_e1'));
    await eventually(() => api.getWebhook(subscription.id), (hook) => !hook.active);
    expect((await api.getWebhook(subscription.id)).disabled_reason).toBe('failing');
    const audit = await t.hub.db.query("SELECT metadata FROM audit_events WHERE action = 'webhook.disabled' AND target_id = ?", [subscription.id]);
    expect(JSON.parse(audit[0].metadata)).toMatchObject({ reason: 'failing', last_status: 500 });
    await sleep(400);
    expect(hooks.requests).toHaveLength(1);
  });

  it('fails a message after the schedule is used up; redelivery sends it again with the same webhook-id', async () => {
    const hooks = (await receiver()).reply({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    const subscription = await subscribe(hooks);
    await publish(taskEvent('tsk_f1'));
    const attempts = await eventually(() => log(subscription.id), (rows) => rows.length === 4);
    expect(attempts.at(-1)).toMatchObject({ attempt: 4, succeeded: false, next_attempt_at: null });
    const [message] = await t.hub.db.getRepository(WebhookMessageRow).findBy({ id: attempts[0]!.message_id });
    expect(message!.status).toBe('failed');

    const queued = await api.redeliverWebhook(attempts.at(-1)!.id);
    expect(queued).toEqual({ message_id: attempts[0]!.message_id, status: 'queued' });
    const requests = await hooks.waitFor(5);
    expect(requests[4]!.headers['webhook-id']).toBe(requests[0]!.headers['webhook-id']);
    const after = await eventually(() => log(subscription.id), (rows) => rows.length === 5);
    expect(after.at(-1)).toMatchObject({ attempt: 5, redelivery: true, succeeded: true });
    expect((await t.hub.db.getRepository(WebhookMessageRow).findOneByOrFail({ id: queued.message_id })).status).toBe('succeeded');

    const stranger = await t.newKey({ scopes: ['webhooks:manage'] });
    expect((await failureOf(t.client({ apiKey: stranger.key.key }).redeliverWebhook(after[0]!.id))).status).toBe(404);
  });

  it('numbers the events of one task with an increasing sequence, and ignores an event published twice', async () => {
    const hooks = await receiver();
    await subscribe(hooks, ['task.succeeded', 'task.failed', 'task.canceled']);
    await publish(taskEvent('tsk_g1', { type: 'task.failed', sourceId: 'src-g1-1' }));
    await publish(taskEvent('tsk_g1', { type: 'task.canceled', sourceId: 'src-g1-2' }));
    expect(await publish(taskEvent('tsk_g1', { type: 'task.canceled', sourceId: 'src-g1-2' }))).toBeNull();
    await publish(taskEvent('tsk_g1', { sourceId: 'src-g1-3' }));
    await hooks.waitFor(3);
    await sleep(300);
    // Messages, not requests: with this suite's 300 ms timeout a loaded machine can make an attempt
    // time out after the receiver got it, and the retry (same webhook-id, as the spec allows) is fine.
    const messages = new Map(hooks.requests.map((request) => [request.headers['webhook-id'], request.body]));
    expect(messages.size).toBe(3);
    const payloads = [...messages.values()].map((body) => JSON.parse(body) as { sequence: number; event: string });
    expect(payloads.sort((a, b) => a.sequence - b.sequence).map((payload) => [payload.sequence, payload.event])).toEqual([
      [1, 'task.failed'],
      [2, 'task.canceled'],
      [3, 'task.succeeded'],
    ]);
  });

  it('gives an event published again its messages when the first publish stopped before them', async () => {
    const hooks = await receiver();
    const subscription = await subscribe(hooks);
    const input = taskEvent('tsk_g2', { sourceId: 'src-g2' });
    const first = await t.hub.services.webhooks.dispatcher.record(input);
    await t.hub.db.getRepository(WebhookMessageRow).delete({ eventId: first!.eventId });
    const again = await publish(input);
    expect(again?.eventId).toBe(first!.eventId);
    const [request] = await hooks.waitFor(1);
    expect(JSON.parse(request!.body)).toMatchObject({ id: first!.eventId, task_id: 'tsk_g2' });
    expect(await publish(input)).toBeNull();
    expect(await t.hub.db.getRepository(WebhookMessageRow).countBy({ eventId: first!.eventId, endpointId: subscription.id })).toBe(1);
  });

  it('re-queues a message whose job was lost, and never sends one attempt twice', async () => {
    const hooks = await receiver();
    const subscription = await subscribe(hooks);
    // Saved without its job (as if the process died between the commit and the enqueue).
    const published = await t.hub.services.webhooks.dispatcher.record(taskEvent('tsk_h1'));
    const [message] = await t.hub.db.getRepository(WebhookMessageRow).findBy({ eventId: published!.eventId, endpointId: subscription.id });
    await t.hub.db.query('UPDATE webhook_messages SET next_attempt_at = ? WHERE id = ?', ['2000-01-01 00:00:00.000', message!.id]);
    expect(await t.hub.services.webhooks.maintenance.requeueStranded()).toBeGreaterThanOrEqual(1);
    await t.hub.services.webhooks.maintenance.requeueStranded();
    await hooks.waitFor(1);
    await sleep(400);
    expect(hooks.requests).toHaveLength(1);
    const rows = await eventually(() => log(subscription.id), (list: WebhookDelivery[]) => list.length === 1);
    expect(rows[0]).toMatchObject({ succeeded: true, attempt: 1 });
  });
});

describe('webhook delivery with the SSRF guard on', () => {
  let t: TestHub;
  let hooks: WebhookReceiver;
  let resolutions = 0;
  beforeAll(async () => {
    hooks = await WebhookReceiver.start();
    // Public when the URL is registered, loopback when the worker connects: DNS rebinding.
    const resolve = async () => [{ address: resolutions++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    t = await startTestHub({ JOB_POLL_INTERVAL_MS: '100', WEBHOOK_RETRY_SCHEDULE: '100ms' }, { services: { resolve } });
  });
  afterAll(async () => {
    await hooks.close();
    await t.close();
  });

  it('blocks at connect time a name that resolves to loopback by delivery time', async () => {
    const { key, me } = await t.newKey();
    const api = t.client({ apiKey: key.key });
    const port = new URL(hooks.url).port;
    const subscription = await api.createWebhook({ url: `http://rebind.example.com:${port}/hook`, events: ['task.failed'] });
    await t.hub.services.webhooks.dispatcher.publish({ organizationId: me.organization.id, type: 'task.failed', subjectId: 'tsk_z', fields: { task_id: 'tsk_z' } });
    const attempts = await eventually(() => api.webhookDeliveries(subscription.id), (page) => page.data.length === 2);
    for (const attempt of attempts.data) {
      expect(attempt).toMatchObject({ succeeded: false, status_code: null });
      expect(attempt.error).toMatch(/^blocked: host rebind\.example\.com resolves to 127\.0\.0\.1, a loopback address/);
    }
    expect(hooks.requests).toEqual([]);
  });
});
