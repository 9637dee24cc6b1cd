import { afterEach, describe, expect, it } from '@jest/globals';
import axios from 'axios';
import { ShopifyConnector } from './shopify.connector.js';
import { ConnectorError } from '../connector-error.js';
import { startShopifySandbox, type ShopifySandboxOptions } from '../sandboxes/shopify.sandbox.js';
import type { MarketplaceProduct } from '../connector.js';

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function setup(options: ShopifySandboxOptions = {}, connectorOptions = {}) {
  const sandbox = await startShopifySandbox(options);
  running.push(sandbox);
  const connector = new ShopifyConnector({ shop: sandbox.state.shop, accessToken: sandbox.state.accessToken }, { baseUrl: sandbox.url, bulkPollIntervalMs: 50, ...connectorOptions });
  return { sandbox, connector };
}

async function collect(iterable: AsyncIterable<MarketplaceProduct[]>) {
  const all: MarketplaceProduct[] = [];
  for await (const batch of iterable) all.push(...batch);
  return all;
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('ShopifyConnector against the sandbox', () => {
  it('verifies good credentials and maps bad ones to ConnectorError', async () => {
    const { sandbox, connector } = await setup();
    await expect(connector.verifyCredentials()).resolves.toMatchObject({ ok: true, account: sandbox.state.shop });
    const bad = new ShopifyConnector({ shop: sandbox.state.shop, accessToken: 'shpat_wrong' }, { baseUrl: sandbox.url });
    const error = await bad.verifyCredentials().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ code: 'invalid_credentials', status: 401, retryable: false });
    expect((error as ConnectorError).marketplace_message).toContain('Invalid API key or access token');
  });

  it('rejects a shop that is not a myshopify domain', () => {
    expect(() => new ShopifyConnector({ shop: 'evil.example.com', accessToken: 'x' })).toThrow(ConnectorError);
  });

  it('pages through 1,000+ products with cursors, each exactly once', async () => {
    const { connector } = await setup({ products: 1030, restoreRate: 100_000, bucketSize: 1000 });
    const ids = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await connector.listProducts(cursor);
      page.products.forEach((p) => ids.add(p.id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor);
    expect(ids.size).toBe(1030);
    expect(pages).toBe(Math.ceil(1030 / 28));
    const sample = await connector.getProduct([...ids][5]!);
    expect(sample.skus.length).toBeGreaterThan(0);
    expect(sample.variants.length).toBeGreaterThan(0);
    expect(sample.updated_at).toMatch(/^2025-/);
  });

  it('slows down on a drained cost bucket and still completes the sync', async () => {
    // 1,000-point bucket restoring 2,000/s: a 120-product sync needs ~2,000 points.
    const { sandbox, connector } = await setup({ products: 120, restoreRate: 2000 });
    sandbox.state.bucket.drain();
    const started = Date.now();
    const products = await collect(connector.syncCatalog({ strategy: 'paged' }));
    expect(products).toHaveLength(120);
    // It had to wait for the bucket: at least the points it spent beyond what refilled from empty.
    expect(Date.now() - started).toBeGreaterThanOrEqual((sandbox.state.stats.actualCost / 2000) * 1000 * 0.8);
  });

  it('retries THROTTLED answers instead of failing', async () => {
    const { sandbox, connector } = await setup({ products: 60, restoreRate: 4000 });
    // The client knows nothing of the bucket before its first answer, so that query meets a drained bucket.
    sandbox.state.bucket.drain();
    const products = await collect(connector.syncCatalog({ strategy: 'paged' }));
    expect(products).toHaveLength(60);
    expect(sandbox.state.stats.throttled).toBeGreaterThan(0);
    expect(connector.client.throttledCount).toBe(sandbox.state.stats.throttled);
  });

  it('switches to a bulk operation automatically when it is faster, and the result matches paging', async () => {
    const { sandbox, connector } = await setup({ products: 600, restoreRate: 100, bulkObjectsPerSecond: 50_000 });
    const strategies = new Set<string>();
    const bulk = await collect(connector.syncCatalog({ onProgress: (p) => strategies.add(p.strategy) }));
    expect(strategies.has('bulk')).toBe(true);
    expect(sandbox.state.stats.bulkOperations).toBe(1);
    expect(bulk).toHaveLength(600);
    const reference = await connector.getProduct(bulk[300]!.id);
    expect(bulk[300]).toEqual(reference);
  });

  it('keeps paging when the catalog is small', async () => {
    const { sandbox, connector } = await setup({ products: 40, restoreRate: 10_000 });
    const strategies = new Set<string>();
    expect(await collect(connector.syncCatalog({ onProgress: (p) => strategies.add(p.strategy) }))).toHaveLength(40);
    expect([...strategies]).toEqual(['paged']);
    expect(sandbox.state.stats.bulkOperations).toBe(0);
  });

  it('syncs incrementally by updated_at', async () => {
    const { connector } = await setup({ products: 50, restoreRate: 10_000 });
    const all = await collect(connector.syncCatalog());
    const since = all[39]!.updated_at;
    const changed = await collect(connector.syncCatalog({ updatedSince: since }));
    expect(changed.map((p) => p.id)).toEqual(all.slice(40).map((p) => p.id));
  });

  it('publishes through a staged upload, reads the image back, replaces and restores', async () => {
    const { connector } = await setup({ products: 3 });
    const [first] = (await connector.listProducts(null)).products.filter((p) => p.images.length >= 2);
    expect(first).toBeDefined();
    const product = first!;
    const appended = await connector.publishImage(product.id, { data: PNG, filename: 'pixport.png', contentType: 'image/png' }, { alt: 'white background', position: 1 });
    expect(appended.image).toMatchObject({ position: 1, alt: 'white background' });
    const bytes = await axios.get<ArrayBuffer>(appended.image.url, { responseType: 'arraybuffer' });
    expect(Buffer.from(bytes.data)).toEqual(PNG);

    const target = (await connector.getProduct(product.id)).images[2]!;
    const replaced = await connector.publishImage(product.id, { data: PNG, filename: 'second.png', contentType: 'image/png' }, { replaceImageId: target.id, variantIds: [product.variants[0]!.id] });
    expect(replaced.replaced).toEqual(target);
    expect(replaced.image.position).toBe(target.position);
    const afterReplace = await connector.getProduct(product.id);
    expect(afterReplace.images.map((i) => i.id)).not.toContain(target.id);
    expect(afterReplace.images).toHaveLength(product.images.length + 1);

    const restored = await connector.restoreImage(product.id, replaced);
    expect(restored.images.find((i) => i.id === target.id)?.position).toBe(target.position);
    expect(restored.images.map((i) => i.id)).not.toContain(replaced.image.id);
  });

  it('maps unknown products and images to not_found', async () => {
    const { connector } = await setup({ products: 2 });
    await expect(connector.getProduct('gid://shopify/Product/999999')).rejects.toMatchObject({ code: 'not_found' });
    const product = (await connector.listProducts(null)).products[0]!;
    await expect(
      connector.publishImage(product.id, { data: PNG, filename: 'x.png', contentType: 'image/png' }, { replaceImageId: 'gid://shopify/MediaImage/1' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
