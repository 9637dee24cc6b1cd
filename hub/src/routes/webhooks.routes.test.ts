import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { webhookEventNames, type HubClient } from '@pixport/shared';
import { failureOf } from '../test-support/failure.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { WebhookReceiver } from '../test-support/webhook-receiver.js';

describe('webhook subscriptions API', () => {
  let t: TestHub;
  let receiver: WebhookReceiver;
  let api: HubClient;
  let owner: HubClient;
  beforeAll(async () => {
    t = await startTestHub({ WEBHOOKS_ALLOW_PRIVATE: 'true' });
    receiver = await WebhookReceiver.start();
    const created = await t.newKey({ scopes: ['webhooks:manage'] });
    api = t.client({ apiKey: created.key.key });
    owner = created.owner;
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it('creates a subscription with a generated whsec_ secret shown once, then lists, reads, changes and deletes it', async () => {
    const created = await api.createWebhook({ url: `${receiver.url}/hooks`, events: ['task.succeeded', 'task.failed'], description: 'shop' });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^whk_/),
      url: `${receiver.url}/hooks`,
      events: ['task.succeeded', 'task.failed'],
      description: 'shop',
      active: true,
      disabled_reason: null,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
    });
    const listed = await api.listWebhooks();
    expect(listed.data.map((hook) => hook.id)).toContain(created.id);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(await api.getWebhook(created.id)).not.toHaveProperty('secret');

    const changed = await api.updateWebhook(created.id, { events: ['credits.low'], description: null, active: false });
    expect(changed).toMatchObject({ events: ['credits.low'], description: null, active: false, disabled_reason: null });
    expect(await api.updateWebhook(created.id, { active: true })).toMatchObject({ active: true, disabled_at: null });

    await api.deleteWebhook(created.id);
    expect((await failureOf(api.getWebhook(created.id))).code).toBe('not_found');
    const actions = (await owner.audit()).data.map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(['webhook.created', 'webhook.updated', 'webhook.deleted']));
  });

  it('stores the secret encrypted, never in clear', async () => {
    const secret = 'my-plain-secret-for-tests';
    const created = await api.createWebhook({ url: receiver.url, events: ['task.succeeded'], secret });
    expect(created.secret).toBe(secret);
    const [row] = await t.hub.db.query('SELECT secret_sealed FROM webhook_endpoints WHERE id = ?', [created.id]);
    expect(row.secret_sealed).toMatch(/^v1\./);
    expect(row.secret_sealed).not.toContain(secret);
  });

  it('lists the event catalogue with a sample payload for each event', async () => {
    const { data } = await api.webhookEvents();
    expect(data.map((entry) => entry.event)).toEqual(webhookEventNames);
    for (const name of ['task.succeeded', 'task.failed', 'task.canceled', 'credits.low', 'credits.exhausted', 'key.expiring', 'publish.succeeded', 'publish.failed']) {
      const entry = data.find((item) => item.event === name)!;
      expect(entry.description.length).toBeGreaterThan(10);
      expect(entry.sample).toMatchObject({ event: name, id: expect.stringMatching(/^evt_/), created_at: expect.any(String) });
    }
  });

  it('sends a signed ping that the standardwebhooks library verifies, and logs the attempt', async () => {
    const created = await api.createWebhook({ url: `${receiver.url}/ping`, events: ['task.succeeded'] });
    receiver.reply({ status: 204 });
    const before = receiver.requests.length;
    const attempt = await api.testWebhook(created.id);
    const request = (await receiver.waitFor(before + 1))[before];
    expect(request!.path).toBe('/ping');
    const payload = new Webhook(created.secret).verify(request!.body, request!.headers) as Record<string, unknown>;
    expect(payload).toMatchObject({ event: 'ping', webhook_id: created.id, id: expect.stringMatching(/^evt_/) });
    expect(request!.headers['webhook-id']).toBe(attempt.message_id);
    expect(attempt).toMatchObject({ succeeded: true, status_code: 204, attempt: 1, event: 'ping', webhook_id: created.id, next_attempt_at: null });
    const log = await api.webhookDeliveries(created.id);
    expect(log.data.map((delivery) => delivery.id)).toEqual([attempt.id]);
  });

  it('pages the delivery log newest first with a cursor', async () => {
    const created = await api.createWebhook({ url: receiver.url, events: ['task.failed'] });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await api.testWebhook(created.id)).id);
    const first = await api.webhookDeliveries(created.id, { limit: 2 });
    expect(first.data.map((row) => row.id)).toEqual([ids[2], ids[1]]);
    const second = await api.webhookDeliveries(created.id, { limit: 2, cursor: first.next_cursor! });
    expect(second).toEqual({ data: [expect.objectContaining({ id: ids[0] })], next_cursor: null });
    expect((await api.allWebhookDeliveries({ event: 'ping', limit: 200 })).data.map((row) => row.id)).toEqual(expect.arrayContaining(ids));
    expect((await failureOf(api.webhookDeliveries(created.id, { cursor: 'garbage' }))).status).toBe(422);
  });

  it('refuses bad input with 422 naming the field', async () => {
    const cases: Array<[object, string]> = [
      [{ url: receiver.url, events: [] }, 'events'],
      [{ url: receiver.url, events: ['task.exploded'] }, 'events.0'],
      [{ url: 'ftp://example.com/x', events: ['task.failed'] }, 'url'],
      [{ url: 'not a url', events: ['task.failed'] }, 'url'],
      [{ url: receiver.url, events: ['task.failed'], secret: 'whsec_###########################' }, 'secret'],
      [{ url: receiver.url, events: ['task.failed'], secret: 'short' }, 'secret'],
      [{ url: 42, events: 'task.failed' }, 'url'],
    ];
    for (const [body, field] of cases) {
      const failure = await failureOf(api.createWebhook(body as never));
      expect(failure.status).toBe(422);
      expect(failure.problem.errors?.map((error) => error.field)).toContain(field);
    }
    const created = await api.createWebhook({ url: receiver.url, events: ['task.failed'] });
    expect((await failureOf(api.updateWebhook(created.id, {}))).status).toBe(422);
  });

  it('keeps organizations apart (404) and wants the webhooks:manage scope', async () => {
    const mine = await api.createWebhook({ url: receiver.url, events: ['task.failed'] });
    const other = await t.newKey({ scopes: ['webhooks:manage'] });
    const stranger = t.client({ apiKey: other.key.key });
    for (const call of [
      () => stranger.getWebhook(mine.id),
      () => stranger.updateWebhook(mine.id, { active: false }),
      () => stranger.deleteWebhook(mine.id),
      () => stranger.testWebhook(mine.id),
      () => stranger.webhookDeliveries(mine.id),
    ]) {
      expect((await failureOf(call())).status).toBe(404);
    }
    expect((await stranger.listWebhooks()).data).toEqual([]);
    const narrow = await t.newKey({ scopes: ['process'] });
    expect((await failureOf(t.client({ apiKey: narrow.key.key }).listWebhooks())).code).toBe('insufficient_scope');
  });

  it('lets a dashboard session manage subscriptions too', async () => {
    const { client } = await t.newAccount('Hooks');
    const created = await client.createWebhook({ url: receiver.url, events: ['key.expiring'] });
    expect((await client.listWebhooks()).data.map((hook) => hook.id)).toEqual([created.id]);
  });
});

describe('webhook URLs with the SSRF guard on', () => {
  let t: TestHub;
  let api: HubClient;
  beforeAll(async () => {
    const resolve = async (hostname: string) => {
      const table: Record<string, string> = { 'internal.example.com': '10.0.0.1', 'hooks.example.com': '93.184.216.34' };
      if (!table[hostname]) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
      return [{ address: table[hostname]!, family: 4 }];
    };
    t = await startTestHub({}, { services: { resolve } });
    const created = await t.newKey();
    api = t.client({ apiKey: created.key.key });
  });
  afterAll(() => t.close());

  it.each([
    'http://127.0.0.1/hook',
    'http://[::1]/hook',
    'http://0x7f.1/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://internal.example.com/hook',
    'http://10.1.2.3:8080/',
    'http://[fd00::1]/',
    'http://[::ffff:127.0.0.1]/',
  ])('refuses %s with 422 at registration', async (url) => {
    const failure = await failureOf(api.createWebhook({ url, events: ['task.succeeded'] }));
    expect(failure.status).toBe(422);
    expect(failure.problem.errors).toEqual([{ field: 'url', message: expect.any(String) }]);
  });

  it('refuses the same URLs when a subscription is changed', async () => {
    const created = await api.createWebhook({ url: 'https://hooks.example.com/pixport', events: ['task.succeeded'] });
    expect((await failureOf(api.updateWebhook(created.id, { url: 'http://169.254.169.254/' }))).status).toBe(422);
    expect((await api.getWebhook(created.id)).url).toBe('https://hooks.example.com/pixport');
  });
});
