import { afterEach, describe, expect, it } from '@jest/globals';
import axios from 'axios';
import { WooCommerceConnector, type WooCommerceCredentials } from './woocommerce.connector.js';
import { ConnectorError } from '../connector-error.js';
import { DEFAULT_APPLICATION_PASSWORD, DEFAULT_WOO_KEY, startWooCommerceSandbox, type WooCommerceSandboxOptions } from '../sandboxes/woocommerce.sandbox.js';
import { signRequest } from '../support/oauth1.js';
import { selfSignedCertificate } from '../test-support/tls.js';
import type { MarketplaceProduct } from '../connector.js';

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

const keys = { consumerKey: DEFAULT_WOO_KEY.consumerKey, consumerSecret: DEFAULT_WOO_KEY.consumerSecret };
const appPassword = { wpUsername: DEFAULT_APPLICATION_PASSWORD.user, wpApplicationPassword: DEFAULT_APPLICATION_PASSWORD.password };
const fastRetry = { attempts: 6, baseDelayMs: 10, maxDelayMs: 2000 };
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

async function setup(options: WooCommerceSandboxOptions = {}, credentials: Partial<WooCommerceCredentials> = {}, ca?: string) {
  const sandbox = await startWooCommerceSandbox(options);
  running.push(sandbox);
  const connector = new WooCommerceConnector({ url: sandbox.url, ...keys, ...appPassword, ...credentials }, { retry: fastRetry, ca });
  return { sandbox, connector };
}

async function collect(iterable: AsyncIterable<MarketplaceProduct[]>) {
  const all: MarketplaceProduct[] = [];
  for await (const batch of iterable) all.push(...batch);
  return all;
}

describe('WooCommerceConnector against the sandbox', () => {
  it('signs with OAuth 1.0a over plain HTTP; a wrong secret is invalid_credentials', async () => {
    const { sandbox, connector } = await setup({ products: 3 });
    await expect(connector.verifyCredentials()).resolves.toMatchObject({ ok: true, details: { products: 3, auth: 'oauth1' } });
    const wrong = new WooCommerceConnector({ url: sandbox.url, consumerKey: keys.consumerKey, consumerSecret: 'cs_wrong' }, { retry: fastRetry });
    const error = (await wrong.verifyCredentials().catch((e: unknown) => e)) as ConnectorError;
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ code: 'invalid_credentials', status: 401, retryable: false, marketplace_code: 'woocommerce_rest_authentication_error' });
    expect(error.marketplace_message).toContain('signature does not match');
  });

  it('refuses unsigned plain-HTTP requests and replayed nonces', async () => {
    const { sandbox } = await setup({ products: 1 });
    const unsigned = await axios.get(`${sandbox.url}/wp-json/wc/v3/products`, { validateStatus: () => true });
    expect(unsigned.status).toBe(401);
    const basicOverHttp = await axios.get(`${sandbox.url}/wp-json/wc/v3/products`, { auth: { username: keys.consumerKey, password: keys.consumerSecret }, validateStatus: () => true });
    expect(basicOverHttp.status).toBe(401);
    const url = `${sandbox.url}/wp-json/wc/v3/products`;
    const params = signRequest('GET', url, {}, keys.consumerKey, keys.consumerSecret);
    expect((await axios.get(url, { params, validateStatus: () => true })).status).toBe(200);
    const replay = await axios.get(url, { params, validateStatus: () => true });
    expect(replay.status).toBe(401);
    expect(replay.data).toMatchObject({ code: 'woocommerce_rest_authentication_error' });
  });

  it('uses Basic auth over HTTPS', async () => {
    const tls = selfSignedCertificate();
    const { sandbox, connector } = await setup({ products: 2, tls }, {}, tls.cert);
    expect(sandbox.url.startsWith('https://')).toBe(true);
    await expect(connector.verifyCredentials()).resolves.toMatchObject({ details: { auth: 'basic' } });
    const wrong = new WooCommerceConnector({ url: sandbox.url, consumerKey: 'ck_nope', consumerSecret: 'x' }, { ca: tls.cert, retry: fastRetry });
    await expect(wrong.verifyCredentials()).rejects.toMatchObject({ code: 'invalid_credentials', marketplace_message: 'Consumer key is invalid.' });
  });

  it('pages through 1,000+ products 100 at a time, with variations and SKUs', async () => {
    const { sandbox, connector } = await setup({ products: 1010 });
    // Variations are fetched per variable product; the product list itself is 11 pages of 100.
    const products = await collect(connector.syncCatalog());
    expect(products).toHaveLength(1010);
    expect(new Set(products.map((p) => p.id)).size).toBe(1010);
    const listCalls = sandbox.state.stats.requests;
    expect(listCalls).toBeGreaterThanOrEqual(11);
    const variable = products.find((p) => p.variants.length > 1)!;
    expect(variable.skus.length).toBe(variable.variants.length + 1);
    expect(products[0]!.updated_at).toMatch(/^2025-.*Z$/);
  });

  it('maps categories to collections, brands to vendor, post status, and variation images to variant_ids', async () => {
    const { sandbox, connector } = await setup({ products: 80 });
    const products = await collect(connector.syncCatalog());
    for (const product of products) {
      const raw = sandbox.state.store.products.get(Number(product.id))!;
      expect(product.status).toBe({ publish: 'active', draft: 'draft', pending: 'draft', private: 'archived' }[raw.status]);
      expect(product.collections.map((c) => c.id)).toEqual(raw.categoryIds.map(String));
      expect(product.vendor).toBe(raw.brand);
      expect(product.product_type).toBe(raw.type);
      for (const image of product.images) {
        expect(image.variant_ids).toEqual(raw.variations.filter((v) => v.imageId === Number(image.id)).map((v) => String(v.id)));
      }
    }
    // The seed has every status, pending reviews among the drafts, and variation images.
    expect(new Set(products.map((p) => p.status))).toEqual(new Set(['active', 'draft', 'archived']));
    expect([...sandbox.state.store.products.values()].some((p) => p.status === 'pending')).toBe(true);
    expect(products.some((p) => p.images.some((i) => i.variant_ids.length > 0))).toBe(true);
    expect(products.find((p) => p.collections.length > 0)!.collections[0]!.title).toMatch(/\w/);
  });

  it('retries 429 answers and completes', async () => {
    const { sandbox, connector } = await setup({ products: 100, rateLimit: { requests: 30, windowMs: 1000 } });
    const products = await collect(connector.syncCatalog());
    expect(products).toHaveLength(100);
    expect(sandbox.state.stats.rateLimited).toBeGreaterThan(0);
  }, 30_000);

  it('gives up with a retryable throttled error when 429s do not stop', async () => {
    const { sandbox } = await setup({ products: 1, rateLimit: { requests: 0, windowMs: 60_000 } });
    const connector = new WooCommerceConnector({ url: sandbox.url, ...keys }, { retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 50 } });
    const error = (await connector.verifyCredentials().catch((e: unknown) => e)) as ConnectorError;
    expect(error).toMatchObject({ code: 'throttled', retryable: true, status: 429 });
    expect(error.retry_after).toBeGreaterThan(0);
  });

  it('publishes via /wp/v2/media, keeps every existing image, and reads the image back', async () => {
    const { sandbox, connector } = await setup({ products: 6 });
    const product = (await connector.listProducts(null)).products.find((p) => p.images.length >= 2)!;
    const result = await connector.publishImage(product.id, { data: PNG, filename: 'white.png', contentType: 'image/png' }, { position: 1, alt: 'on white' });
    expect(result.image).toMatchObject({ position: 1, alt: 'on white' });
    const after = await connector.getProduct(product.id);
    expect(after.images.map((i) => i.id)).toEqual([result.image.id, ...product.images.map((i) => i.id)]);
    expect(Buffer.from((await axios.get<ArrayBuffer>(result.image.url, { responseType: 'arraybuffer' })).data)).toEqual(PNG);
    for (const update of sandbox.state.stats.productUpdates) expect((update.images as unknown[]).length).toBeGreaterThan(0);
  });

  it('replaces one image in place, sets a variation image, and restores the original', async () => {
    const { sandbox, connector } = await setup({ products: 12 });
    const product = (await connector.listProducts(null)).products.find((p) => p.images.length >= 3 && p.variants.length > 1)!;
    const target = product.images[1]!;
    const result = await connector.publishImage(product.id, { data: PNG, filename: 'new.png', contentType: 'image/png' }, { replaceImageId: target.id, variantIds: [product.variants[0]!.id] });
    expect(result.replaced).toEqual(target);
    const ids = (await connector.getProduct(product.id)).images.map((i) => i.id);
    expect(ids).toEqual(product.images.map((i) => (i.id === target.id ? result.image.id : i.id)));
    const variation = [...sandbox.state.store.products.get(Number(product.id))!.variations][0]!;
    expect(String(variation.imageId)).toBe(result.image.id);
    const restored = await connector.restoreImage(product.id, result);
    expect(restored.images.map((i) => i.id)).toEqual(product.images.map((i) => i.id));
  });

  it('maps WordPress errors: unknown product → not_found, media upload without rights → invalid_credentials', async () => {
    const { connector, sandbox } = await setup({ products: 1 });
    await expect(connector.getProduct('999999')).rejects.toMatchObject({ code: 'not_found', marketplace_code: 'woocommerce_rest_product_invalid_id' });
    const keysOnly = new WooCommerceConnector({ url: sandbox.url, ...keys }, { retry: fastRetry });
    const product = (await keysOnly.listProducts(null)).products[0]!;
    await expect(keysOnly.publishImage(product.id, { data: PNG, filename: 'a.png', contentType: 'image/png' })).rejects.toMatchObject({ code: 'invalid_credentials', marketplace_code: 'rest_cannot_create' });
    expect((await keysOnly.getProduct(product.id)).images).toEqual(product.images);
  });
});
