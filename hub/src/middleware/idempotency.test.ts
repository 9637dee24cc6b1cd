import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HubClient, type CreatedWebhook, type OperationResult, type Task } from '@pixport/shared';
import { productOn } from '../processing/test-images.js';
import { startHubProcess, type HubProcess } from '../test-support/hub-process.js';
import { multipartForm } from '../test-support/multipart.js';
import { SegmentationControl } from '../test-support/segmentation-control.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

const shot = () => productOn('#ffffff', { width: 300, height: 200 }, { left: 100, top: 50, width: 100, height: 100 });
const post = <T = unknown>(client: HubClient, url: string, data: unknown, key?: string, headers: Record<string, string> = {}) =>
  client.raw<T>({ method: 'post', url, data, headers: { ...headers, ...(key === undefined ? {} : { 'Idempotency-Key': key }) } });
let counter = 0;
const freshKey = () => `key-${Date.now()}-${counter++}`;

describe('Idempotency-Key', () => {
  let t: TestHub;
  let peer: HubProcess;
  let api: HubClient;
  let there: HubClient;
  const engine = new SegmentationControl();
  beforeAll(async () => {
    t = await startTestHub({ WEBHOOKS_ALLOW_PRIVATE: 'true' });
    peer = await startHubProcess({ DATABASE_URL: t.database.url, DATA_DIR: t.hub.config.dataDir, WEBHOOKS_ALLOW_PRIVATE: 'true' });
    const { key } = await t.newKey();
    api = t.client({ apiKey: key.key });
    there = new HubClient({ baseUrl: peer.url, apiKey: key.key });
    engine.install();
  });
  afterAll(async () => {
    engine.restore();
    await peer.stop();
    await t.close();
  });

  const subscription = { url: 'http://127.0.0.1:9/hook', events: ['task.succeeded'] };

  it('replays the first response (status, body) with Idempotent-Replayed: true, from any process, and does the work once', async () => {
    const key = freshKey();
    const first = await post<CreatedWebhook>(api, '/api/v1/webhooks', subscription, key);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await post<CreatedWebhook>(there, '/api/v1/webhooks', subscription, key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.data).toEqual(first.data);
    expect(again.headers['content-type']).toMatch(/^application\/json/);
    const hooks = (await api.listWebhooks()).data.filter((hook) => hook.id === first.data.id);
    expect(hooks).toHaveLength(1);
    expect((await api.listWebhooks()).data.filter((hook) => hook.url === subscription.url)).toHaveLength(1);
  });

  it('answers 422 idempotency_key_reused for the same key with another body or path', async () => {
    const key = freshKey();
    expect((await post(api, '/api/v1/webhooks', subscription, key)).status).toBe(201);
    const otherBody = await post(there, '/api/v1/webhooks', { ...subscription, events: ['task.failed'] }, key);
    expect(otherBody.status).toBe(422);
    expect(otherBody.data).toMatchObject({ code: 'idempotency_key_reused' });
    const otherPath = await post(api, '/api/wordpress-plugin/auth/validate', {}, key);
    expect(otherPath.data).toMatchObject({ code: 'idempotency_key_reused' });
    // The same fields in another order are the same request.
    const reordered = await post(api, '/api/v1/webhooks', { events: subscription.events, url: subscription.url }, key);
    expect(reordered.headers['idempotent-replayed']).toBe('true');
  });

  it('does not keep a request refused by validation: the key stays free for the corrected request', async () => {
    const key = freshKey();
    const invalid = await post(api, '/api/v1/webhooks', { url: subscription.url, events: [] }, key);
    expect(invalid.status).toBe(422);
    const valid = await post(api, '/api/v1/webhooks', subscription, key);
    expect(valid.status).toBe(201);
    expect(valid.headers['idempotent-replayed']).toBeUndefined();
  });

  it('keeps errors from the work itself and replays them', async () => {
    const key = freshKey();
    const missing = await post(api, '/api/v1/webhooks/whk_doesnotexist/test', undefined, key);
    expect(missing.status).toBe(404);
    const replayed = await post(there, '/api/v1/webhooks/whk_doesnotexist/test', undefined, key);
    expect(replayed.status).toBe(404);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(replayed.data).toEqual(missing.data);
  });

  it('scopes keys to the organization', async () => {
    const key = freshKey();
    expect((await post(api, '/api/v1/webhooks', subscription, key)).status).toBe(201);
    const other = await t.newKey();
    const theirs = await post(t.client({ apiKey: other.key.key }), '/api/v1/webhooks', { ...subscription, events: ['task.failed'] }, key);
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a key longer than 255 characters or with control characters', async () => {
    for (const key of ['k'.repeat(256), 'bad key\twith tab']) {
      const answer = await post(api, '/api/v1/webhooks', subscription, key);
      expect(answer.status).toBe(422);
      expect(answer.data).toMatchObject({ code: 'invalid_parameter', errors: [{ field: 'Idempotency-Key' }] });
    }
    expect((await post(api, '/api/v1/webhooks', subscription, 'k'.repeat(255))).status).toBe(201);
  });

  it('answers 409 while the first request is in flight in another process, then replays its answer', async () => {
    const key = freshKey();
    const image = await shot();
    const form = () => multipartForm({ crop: 'true' }, { image: { data: image, filename: 'shoe.jpg' } });
    engine.hold();
    const blocked = engine.blocked;
    const first = post<OperationResult>(api, '/api/v1/remove-background', form(), key);
    try {
      await engine.untilBlocked(blocked + 1);
      const concurrent = await post(there, '/api/v1/remove-background', form(), key);
      expect(concurrent.status).toBe(409);
      expect(concurrent.data).toMatchObject({ code: 'idempotency_key_in_use' });
      expect(concurrent.headers['retry-after']).toBe('1');
    } finally {
      engine.release();
    }
    const answered = await first;
    expect(answered.status).toBe(200);
    const replayed = await post<OperationResult>(there, '/api/v1/remove-background', form(), key);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.data).toEqual(answered.data);
    const otherImage = await post(there, '/api/v1/remove-background', multipartForm({ crop: 'true' }, { image: { data: await productOn('#eeeeee', { width: 300, height: 200 }, { left: 10, top: 10, width: 50, height: 50 }), filename: 'shoe.jpg' } }), key);
    expect(otherImage.data).toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('replays image bytes (Accept: image/*) with their X-Pixport headers', async () => {
    const key = freshKey();
    const image = await shot();
    const form = () => multipartForm({ width: '120', height: '120' }, { image: { data: image, filename: 'a.jpg' } });
    const ask = (client: HubClient) =>
      client.raw<ArrayBuffer>({ method: 'post', url: '/api/v1/process', data: form(), responseType: 'arraybuffer', headers: { Accept: 'image/png', 'Idempotency-Key': key } });
    const first = await ask(api);
    const again = await ask(there);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(Buffer.from(again.data).equals(Buffer.from(first.data))).toBe(true);
    expect(again.headers['content-type']).toBe('image/png');
    expect(again.headers['x-pixport-width']).toBe('120');
    expect(again.headers['x-pixport-credits-charged']).toBe(first.headers['x-pixport-credits-charged']);
  });

  it('a replayed task submission answers the same task id and creates no second task', async () => {
    const key = freshKey();
    const image = await shot();
    const form = () => multipartForm({ operation: 'process', width: '100', height: '100' }, { image: { data: image, filename: 'a.jpg' } });
    const first = await post<Task>(api, '/api/v1/jobs', form(), key);
    expect(first.status).toBe(202);
    const again = await post<Task>(there, '/api/v1/jobs', form(), key);
    expect(again.status).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.data.id).toBe(first.data.id);
    expect(again.headers.location).toBe(first.headers.location);
    const [{ count }] = await t.hub.db.query('SELECT COUNT(*) AS count FROM tasks WHERE organization_id = (SELECT organization_id FROM tasks WHERE id = ?)', [first.data.id]);
    expect(Number(count)).toBe(1);
  });

  it('ignores the header on other methods', async () => {
    const answer = await api.raw({ url: '/api/v1/webhooks', headers: { 'Idempotency-Key': 'x'.repeat(300) } });
    expect(answer.status).toBe(200);
  });
});
