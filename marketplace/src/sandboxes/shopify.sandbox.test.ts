// The Shopify sandbox itself: what an app test relies on (webhook deliveries, version fall-forward,
// Shopify's bulk query limits and JSONL order, the leaky cost bucket and its THROTTLED answer).
import { afterEach, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { servedApiVersion, startShopifySandbox, type ShopifySandbox, type ShopifySandboxOptions } from './shopify.sandbox.js';
import { CostBucket } from './shopify/cost.js';

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function sandboxWith(options: ShopifySandboxOptions = {}): Promise<ShopifySandbox> {
  const sandbox = await startShopifySandbox(options);
  running.push(sandbox);
  return sandbox;
}

function graphql(sandbox: ShopifySandbox, query: string, variables: object = {}, version = '2026-10') {
  return axios.post(`${sandbox.url}/admin/api/${version}/graphql.json`, { query, variables }, { headers: { 'X-Shopify-Access-Token': sandbox.state.accessToken }, validateStatus: () => true });
}

describe('Shopify sandbox', () => {
  it('delivers webhooks signed over the raw body with every Shopify header; a repeat keeps its event id', async () => {
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const app = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    running.push({ close: () => new Promise<void>((resolve) => app.close(() => resolve())) });
    const sandbox = await sandboxWith({ products: 1, clientSecret: 'app-secret-for-webhooks' });
    const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/webhooks`;
    const payload = { id: 632910392, title: 'Ünïcode title', admin_graphql_api_id: 'gid://shopify/Product/632910392' };
    const first = await sandbox.sendWebhook({ topic: 'products/update', payload, url });
    const again = await sandbox.sendWebhook({ topic: 'products/update', payload, url, eventId: first.eventId });
    expect([first.status, again.status]).toEqual([200, 200]);
    const [a, b] = received;
    expect(a!.body).toBe(JSON.stringify(payload));
    expect(a!.headers['x-shopify-hmac-sha256']).toBe(createHmac('sha256', 'app-secret-for-webhooks').update(Buffer.from(a!.body)).digest('base64'));
    expect(a!.headers).toMatchObject({
      'x-shopify-topic': 'products/update',
      'x-shopify-shop-domain': sandbox.state.shop,
      'x-shopify-api-version': '2026-10',
      'content-type': 'application/json',
    });
    expect(a!.headers['x-shopify-webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(String(a!.headers['x-shopify-triggered-at']))).toBeGreaterThan(Date.now() - 10_000);
    expect(b!.headers['x-shopify-event-id']).toBe(a!.headers['x-shopify-event-id']);
    expect(b!.headers['x-shopify-webhook-id']).not.toBe(a!.headers['x-shopify-webhook-id']);
    // A forged delivery: same body, another secret.
    await sandbox.sendWebhook({ topic: 'shop/redact', payload: { shop_domain: sandbox.state.shop }, url, secret: 'forged' });
    expect(received[2]!.headers['x-shopify-hmac-sha256']).not.toBe(createHmac('sha256', 'app-secret-for-webhooks').update(received[2]!.body).digest('base64'));
  });

  it('falls forward from an expired version to the oldest supported one and says so in X-Shopify-API-Version', async () => {
    expect(servedApiVersion('2026-10')).toBe('2026-10');
    expect(servedApiVersion('2025-01')).toBe('2025-10');
    expect(servedApiVersion('unstable')).toBe('unstable');
    expect(servedApiVersion('2026-13')).toBeNull();
    expect(servedApiVersion('2031-01')).toBeNull();
    const sandbox = await sandboxWith({ products: 1 });
    const old = await graphql(sandbox, '{ shop { name } }', {}, '2025-01');
    expect(old.status).toBe(200);
    expect(old.headers['x-shopify-api-version']).toBe('2025-10');
    expect((await graphql(sandbox, '{ shop { name } }', {}, 'latest')).status).toBe(404);
  });

  it('applies Shopify bulk query limits and writes children before their parents when ungrouped', async () => {
    const sandbox = await sandboxWith({ products: 60, bulkObjectsPerSecond: 1e6 });
    const run = async (query: string, groupObjects?: boolean, version?: string) =>
      (await graphql(sandbox, 'mutation($q: String!, $g: Boolean!) { bulkOperationRunQuery(query: $q, groupObjects: $g) { bulkOperation { id } userErrors { message code } } }', { q: query, g: groupObjects ?? false }, version)).data
        .data.bulkOperationRunQuery;
    // products → variants → media nests two deep: allowed, like the connector's five-connection export.
    const twoDeep = '{ products { edges { node { id collections { edges { node { id } } } variants { edges { node { id media { edges { node { id } } } } } } media { edges { node { id } } } } } } }';
    expect((await run(twoDeep)).userErrors).toEqual([]);
    const six = '{ products { edges { node { a: collections { edges { node { id } } } b: collections { edges { node { id } } } variants { edges { node { media { edges { node { id } } } } } } media { edges { node { id } } } } } } }';
    expect((await run(six)).userErrors[0].message).toMatch(/more than 5 connections/);
    expect((await run('{ node(id: "gid://shopify/Product/1") { id } }')).userErrors[0].code).toBe('INVALID');
    expect((await run('{ shop { name } }')).userErrors[0].message).toMatch(/at least one connection/);
    const bulk = async (groupObjects: boolean) => {
      const { bulkOperation } = await run('{ products { edges { node { id variants { edges { node { id } } } } } } }', groupObjects);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const { data } = await graphql(sandbox, 'query($id: ID!) { bulkOperation(id: $id) { status url } }', { id: bulkOperation.id });
      expect(data.data.bulkOperation.status).toBe('COMPLETED');
      const lines = String((await axios.get(data.data.bulkOperation.url, { responseType: 'text' })).data).trim().split('\n').map((l) => JSON.parse(l) as { id: string; __parentId?: string });
      const seen = new Set<string>();
      let childBeforeParent = 0;
      for (const line of lines) {
        if (line.__parentId && !seen.has(line.__parentId)) childBeforeParent++;
        seen.add(line.id);
      }
      return { lines, childBeforeParent };
    };
    const ungrouped = await bulk(false);
    expect(ungrouped.childBeforeParent).toBeGreaterThan(0);
    const grouped = await bulk(true);
    expect(grouped.childBeforeParent).toBe(0);
    expect(grouped.lines.length).toBe(ungrouped.lines.length);
  });

  it('before 2026-01 one bulk query runs at a time and lines are grouped by default', async () => {
    const sandbox = await sandboxWith({ products: 200, bulkObjectsPerSecond: 100, apiVersions: ['2025-10', '2026-01'] });
    const start = async () =>
      (await graphql(sandbox, 'mutation { bulkOperationRunQuery(query: "{ products { edges { node { id } } } }") { bulkOperation { id } userErrors { code } } }', {}, '2025-10')).data.data.bulkOperationRunQuery;
    expect((await start()).bulkOperation).not.toBeNull();
    expect((await start()).userErrors).toEqual([{ code: 'OPERATION_IN_PROGRESS' }]);
  });

  it('the cost bucket leaks like Shopify’s: restores per second up to the maximum, and a drained bucket answers THROTTLED with throttleStatus', async () => {
    let now = 0;
    const bucket = new CostBucket(1000, 100, () => now);
    expect(bucket.tryTake(1000)).toBe(true);
    expect(bucket.tryTake(1)).toBe(false);
    now = 500;
    expect(bucket.available()).toBeCloseTo(50);
    expect(bucket.tryTake(60)).toBe(false);
    now = 600;
    expect(bucket.tryTake(60)).toBe(true);
    now = 60_000;
    expect(bucket.available()).toBe(1000);
    bucket.refund(500);
    expect(bucket.available()).toBe(1000);

    const sandbox = await sandboxWith({ products: 30, restoreRate: 100 });
    sandbox.state.bucket.drain();
    const answer = await graphql(sandbox, 'query($n: Int!) { products(first: $n) { nodes { id title } } }', { n: 20 });
    expect(answer.status).toBe(200);
    expect(answer.data.errors[0]).toMatchObject({ message: 'Throttled', extensions: { code: 'THROTTLED' } });
    expect(answer.data.extensions.cost).toMatchObject({ requestedQueryCost: 22, actualQueryCost: null, throttleStatus: { maximumAvailable: 1000, restoreRate: 100 } });
    expect(answer.data.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThan(22);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const later = await graphql(sandbox, 'query($n: Int!) { products(first: $n) { nodes { id title } } }', { n: 20 });
    expect(later.data.errors).toBeUndefined();
    expect(later.data.extensions.cost.actualQueryCost).toBe(22);
  });
});
