import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { WebhookReceiver } from '../test-support/webhook-receiver.js';

describe('key.expiring', () => {
  let t: TestHub;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    t = await startTestHub({ WEBHOOKS_ALLOW_PRIVATE: 'true' });
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it('announces keys expiring within 7 days to subscribed webhooks, once per key and expiry', async () => {
    const { client } = await t.newAccount('Expiry');
    await client.createWebhook({ url: receiver.url, events: ['key.expiring'] });
    const day = 86_400_000;
    const soon = await client.createKey({ name: 'Shop sync', expires_at: new Date(Date.now() + 3 * day).toISOString() });
    await client.createKey({ name: 'Later', expires_at: new Date(Date.now() + 10 * day).toISOString() });
    await client.createKey({ name: 'Forever' });
    const revoked = await client.createKey({ name: 'Revoked', expires_at: new Date(Date.now() + 2 * day).toISOString() });
    await client.updateKey(revoked.id, { active: false });

    // The hub's own recurring job may get there first (it runs at start, and late on a loaded
    // machine); either way exactly one announcement must arrive.
    await t.hub.services.webhooks.announceExpiringKeys();
    const [request] = await receiver.waitFor(1);
    expect(JSON.parse(request!.body)).toMatchObject({
      event: 'key.expiring',
      key_id: soon.id,
      name: 'Shop sync',
      masked: soon.masked,
      expires_at: soon.expires_at,
    });
    expect(request!.body).not.toContain(soon.key);
    await t.hub.services.webhooks.announceExpiringKeys();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.requests).toHaveLength(1);
  });
});
