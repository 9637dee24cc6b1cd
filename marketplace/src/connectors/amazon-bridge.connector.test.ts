import { afterEach, describe, expect, it } from '@jest/globals';
import axios from 'axios';
import { Webhook } from 'standardwebhooks';
import { AmazonBridgeConnector } from './amazon-bridge.connector.js';
import { ConnectorError } from '../connector-error.js';
import { DEFAULT_BRIDGE_SECRET, startAmazonBridgeSandbox, type AmazonBridgeSandboxOptions } from '../sandboxes/amazon-bridge.sandbox.js';
import { signedHeaders, verifySignature } from '../support/standard-webhooks.js';
import type { MarketplaceProduct } from '../connector.js';

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

const image = (url?: string) => ({ data: Buffer.alloc(1), filename: 'a.jpg', contentType: 'image/jpeg', publicUrl: url });

async function setup(products = 25, secret = DEFAULT_BRIDGE_SECRET, options: AmazonBridgeSandboxOptions = {}) {
  const sandbox = await startAmazonBridgeSandbox({ products, ...options });
  running.push(sandbox);
  const connector = new AmazonBridgeConnector({ url: sandbox.url, secret, marketplaceId: 'ATVPDKIKX0DER' }, { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
  return { sandbox, connector };
}

describe('Standard Webhooks signing', () => {
  it('produces signatures the reference library accepts, and verifies the library’s', () => {
    const body = JSON.stringify({ sku: 'X' });
    const headers = signedHeaders(DEFAULT_BRIDGE_SECRET, body);
    expect(() => new Webhook(DEFAULT_BRIDGE_SECRET).verify(body, headers)).not.toThrow();
    const theirs = new Webhook(DEFAULT_BRIDGE_SECRET).sign('msg_1', new Date(), body);
    const now = Date.now();
    expect(verifySignature(DEFAULT_BRIDGE_SECRET, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(now / 1000)), 'webhook-signature': theirs }, body, now)).toBe(true);
    expect(verifySignature(DEFAULT_BRIDGE_SECRET, { ...headers }, `${body} `)).toBe(false);
    expect(verifySignature(DEFAULT_BRIDGE_SECRET, headers, body, Date.now() + 301_000)).toBe(false);
  });
});

describe('AmazonBridgeConnector against the reference bridge', () => {
  it('verifies with the right secret; a wrong secret is invalid_credentials', async () => {
    const { sandbox, connector } = await setup();
    await expect(connector.verifyCredentials()).resolves.toMatchObject({ ok: true, account: 'A2SANDBOXSELLER' });
    const wrong = new AmazonBridgeConnector({ url: sandbox.url, secret: `whsec_${Buffer.from('other').toString('base64')}`, marketplaceId: 'ATVPDKIKX0DER' });
    const error = (await wrong.verifyCredentials().catch((e: unknown) => e)) as ConnectorError;
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ code: 'invalid_credentials', marketplace_code: 'invalid_signature' });
  });

  it('refuses unsigned answers', async () => {
    const server = await import('node:http').then(({ createServer }) => createServer((_, res) => res.end('{"ok":true,"seller_id":"X","marketplace_ids":[]}')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const connector = new AmazonBridgeConnector({ url: `http://127.0.0.1:${port}`, secret: DEFAULT_BRIDGE_SECRET, marketplaceId: 'X' });
    await expect(connector.verifyCredentials()).rejects.toMatchObject({ code: 'bad_response' });
    server.close();
  });

  it('pages through 1,000+ listings', async () => {
    const { connector } = await setup(1050);
    const all: MarketplaceProduct[] = [];
    for await (const batch of connector.syncCatalog()) all.push(...batch);
    expect(new Set(all.map((p) => p.id)).size).toBe(1050);
    expect(all[0]!.skus).toEqual([all[0]!.id]);
    // brand and productType come through when the bridge sends them; Amazon has no status or collections.
    expect(all[0]).toMatchObject({ vendor: expect.any(String), product_type: expect.any(String), status: null, collections: [] });
    expect(all.flatMap((p) => p.images).every((i) => i.variant_ids.length === 0)).toBe(true);
  });

  it('publishes a URL into a slot, reads it back, and restores the previous image', async () => {
    const { sandbox, connector } = await setup();
    const product = (await connector.listProducts(null)).products.find((p) => p.images.length > 0)!;
    const result = await connector.publishImage(product.id, image('https://hub.example/o/abc.jpg?sig=1'), { replaceImageId: 'main' });
    expect(result.image).toMatchObject({ id: 'main', position: 1, url: 'https://hub.example/o/abc.jpg?sig=1' });
    expect(result.replaced).toEqual(product.images[0]);
    expect((await connector.getProduct(product.id)).images[0]!.url).toBe('https://hub.example/o/abc.jpg?sig=1');
    expect(sandbox.state.submissions.at(-1)).toEqual({ sku: product.id, marketplace_id: 'ATVPDKIKX0DER', slot: 'main', image_url: 'https://hub.example/o/abc.jpg?sig=1' });
    const restored = await connector.restoreImage(product.id, result);
    expect(restored.images).toEqual(product.images);
  });

  it('maps INVALID submissions, unknown SKUs and missing URLs to ConnectorError', async () => {
    const { connector } = await setup();
    const sku = (await connector.listProducts(null)).products[0]!.id;
    const rejected = (await connector.publishImage(sku, image('https://hub.example/o/file.bmp'), { position: 2 }).catch((e: unknown) => e)) as ConnectorError;
    expect(rejected).toMatchObject({ code: 'rejected', marketplace_code: '90244', retryable: false });
    await expect(connector.getProduct('NOPE')).rejects.toMatchObject({ code: 'not_found' });
    await expect(connector.publishImage(sku, image())).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(connector.publishImage(sku, image('https://x/y.jpg'), { replaceImageId: 'other_9' })).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('takes SP-API answers as SP-API shapes them: no issues key is fine, VALID (a preview) is not a publish', async () => {
    const { sandbox, connector } = await setup(5, DEFAULT_BRIDGE_SECRET, { spApiShapes: true });
    const sku = (await connector.listProducts(null)).products[0]!.id;
    const result = await connector.publishImage(sku, image('https://hub.example/o/ok.jpg'), { replaceImageId: 'main' });
    expect(result).toMatchObject({ image: { id: 'main' }, warnings: [] });
    const preview = await setup(5, DEFAULT_BRIDGE_SECRET, { spApiShapes: true, validationPreview: true });
    const error = await preview.connector.publishImage(sku, image('https://hub.example/o/ok.jpg'), { replaceImageId: 'main' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'rejected', marketplace_code: 'VALID' });
    expect(sandbox.state.submissions).toHaveLength(1);
  });

  it('the bridge answers 401 to requests with a stale timestamp', async () => {
    const { sandbox } = await setup(1);
    const body = '{}';
    const stale = signedHeaders(DEFAULT_BRIDGE_SECRET, body, 'msg_old', Math.floor(Date.now() / 1000) - 600);
    const response = await axios.post(`${sandbox.url}/verify`, body, { headers: { ...stale, 'content-type': 'application/json' }, validateStatus: () => true });
    expect(response.status).toBe(401);
  });
});
