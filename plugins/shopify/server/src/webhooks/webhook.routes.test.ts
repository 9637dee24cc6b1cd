import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WebhookEventRow } from '../db/entities/webhook-event.entity.js';
import { SHOP, startAppStack, type AppStack } from '../test-support/app-stack.js';
import { deliver } from '../test-support/webhooks.js';

// Receiving webhooks: HMAC over the raw body, dedupe on the event id, work in the worker. The topics that
// need the hub are in the app's end-to-end suite.
let stack: AppStack;
beforeAll(async () => {
  stack = await startAppStack({ hub: false });
});
afterAll(() => stack.close());

const events = () => stack.app.dataSource.getRepository(WebhookEventRow);

describe('POST /webhooks', () => {
  it('refuses a forged HMAC, a body altered after signing and one signed with another secret: 401, nothing stored', async () => {
    const before = await events().count();
    const forged = await deliver(stack.url, 'customers/redact', { shop_domain: SHOP }, { hmac: 'AAAA' + 'b'.repeat(40) });
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.body).code).toBe('invalid_webhook');
    const otherSecret = await deliver(stack.url, 'customers/redact', { shop_domain: SHOP }, { secret: 'some-other-apps-secret' });
    expect(otherSecret.status).toBe(401);
    const unsigned = await fetch(`${stack.url}/webhooks`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Shopify-Topic': 'shop/redact' }, body: '{}' });
    expect(unsigned.status).toBe(401);
    expect(await events().count()).toBe(before);
  });

  it('answers 200 at once, stores a repeated delivery once, and the worker processes it once', async () => {
    const payload = { shop_id: 1, shop_domain: SHOP, customer: { id: 191167, email: 'john@example.com' }, orders_requested: [299938], data_request: { id: 9999 } };
    const first = await deliver(stack.url, 'customers/data_request', payload, { eventId: 'evt-dup-1' });
    const again = await deliver(stack.url, 'customers/data_request', payload, { eventId: 'evt-dup-1' });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(JSON.parse(again.body).duplicate).toBe(true);
    const stored = await events().findBy({ eventId: 'evt-dup-1' });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.status).toBe('queued');

    expect(await stack.app.drain()).toBe(1);
    const done = await events().findOneByOrFail({ eventId: 'evt-dup-1' });
    expect(done.status).toBe('done');
    expect(done.attempts).toBe(1);
    expect(done.outcome).toContain('no personal data of customers held');
    // The record keeps no customer e-mail beyond the payload Shopify sent, and the app's tables have none.
    const third = await deliver(stack.url, 'customers/data_request', payload, { eventId: 'evt-dup-1' });
    expect(third.status).toBe(200);
    expect(await stack.app.drain()).toBe(0);
  });

  it('records customers/redact (nothing to erase) and refuses a shop header that is no shop domain', async () => {
    const redact = await deliver(stack.url, 'customers/redact', { shop_domain: SHOP, customer: { id: 1 } });
    expect(redact.status).toBe(200);
    await stack.app.drain();
    expect((await events().findOneByOrFail({ eventId: redact.eventId })).outcome).toBe('no personal data of customers held: nothing to erase');
    const badShop = await deliver(stack.url, 'customers/redact', {}, { shop: 'evil.example.com' });
    expect(badShop.status).toBe(400);
  });

  it('ignores products/update of a shop that never installed', async () => {
    const update = await deliver(stack.url, 'products/update', { admin_graphql_api_id: 'gid://shopify/Product/1', media: [] });
    expect(update.status).toBe(200);
    await stack.app.drain();
    expect((await events().findOneByOrFail({ eventId: update.eventId })).outcome).toBe('shop not installed: ignored');
  });
});
