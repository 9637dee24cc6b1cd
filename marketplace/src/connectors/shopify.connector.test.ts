import { afterEach, describe, expect, it } from '@jest/globals';
import axios from 'axios';
import { ShopifyConnector } from './shopify.connector.js';
import { ConnectorError } from '../connector-error.js';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startShopifySandbox, type ShopifySandboxOptions } from '../sandboxes/shopify.sandbox.js';
import type { MarketplaceProduct } from '../connector.js';
import type { ShopifyCredentials } from './shopify-token.js';
import { PRODUCTS_PAGE_SIZE } from './shopify.queries.js';
import { mintSessionToken } from '../test-support/session-token.js';

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
    expect(pages).toBe(Math.ceil(1030 / PRODUCTS_PAGE_SIZE));
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

  it('maps vendor, product type, status, collections and variant media', async () => {
    const { sandbox, connector } = await setup({ products: 60, restoreRate: 100_000 });
    const products = await collect(connector.syncCatalog({ strategy: 'paged' }));
    for (const product of products) {
      const raw = sandbox.state.store.products.get(product.id)!;
      expect(product).toMatchObject({ vendor: raw.vendor, product_type: raw.productType, status: raw.status.toLowerCase() });
      expect(product.collections).toEqual(raw.collectionIds.map((id) => ({ id, title: sandbox.state.store.collections.get(id)!.title })));
      for (const image of product.images) {
        expect(image.variant_ids).toEqual(raw.variants.filter((v) => v.mediaIds.includes(image.id)).map((v) => v.id));
      }
    }
    expect(new Set(products.map((p) => p.status))).toEqual(new Set(['active', 'draft', 'archived']));
    expect(products.some((p) => p.collections.length > 0)).toBe(true);
    expect(products.some((p) => p.images.some((i) => i.variant_ids.length > 0))).toBe(true);
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

describe('ShopifyConnector with expiring offline tokens', () => {
  async function expiringToken(sandbox: { url: string; state: { shop: string } }) {
    const subject = mintSessionToken({ shop: sandbox.state.shop, clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET });
    const { data } = await axios.post<{ access_token: string; refresh_token: string; expires_in: number; refresh_token_expires_in: number }>(`${sandbox.url}/admin/oauth/access_token`, {
      client_id: SANDBOX_CLIENT_ID,
      client_secret: SANDBOX_CLIENT_SECRET,
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: subject,
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      requested_token_type: 'urn:shopify:params:oauth:token-type:offline-access-token',
      expiring: '1',
    });
    expect(data.expires_in).toBeGreaterThan(0);
    expect(data.refresh_token).toMatch(/^shprt_/);
    return data;
  }

  async function refreshing(options: ShopifySandboxOptions, credentials: (token: Awaited<ReturnType<typeof expiringToken>>) => Partial<ShopifyCredentials>) {
    const sandbox = await startShopifySandbox({ products: 3, ...options });
    running.push(sandbox);
    const token = await expiringToken(sandbox);
    const saved: ShopifyCredentials[] = [];
    const connector = new ShopifyConnector(
      { shop: sandbox.state.shop, accessToken: token.access_token, refreshToken: token.refresh_token, ...credentials(token) },
      { baseUrl: sandbox.url, tokenRefresh: { clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET, onRefreshed: async (c) => void saved.push(c) } },
    );
    return { sandbox, token, connector, saved };
  }

  it('refreshes before expiry (60 s margin), hands the rotated tokens to onRefreshed, and the spent refresh token is dead', async () => {
    const { sandbox, token, connector, saved } = await refreshing({}, () => ({ expiresAt: new Date(Date.now() + 30_000).toISOString() }));
    await expect(connector.verifyCredentials()).resolves.toMatchObject({ ok: true });
    expect(sandbox.state.oauth.stats.refreshes).toBe(1);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.accessToken).not.toBe(token.access_token);
    expect(saved[0]!.refreshToken).not.toBe(token.refresh_token);
    expect(Date.parse(saved[0]!.expiresAt!)).toBeGreaterThan(Date.now() + 3000_000);
    expect(Date.parse(saved[0]!.refreshTokenExpiresAt!)).toBeGreaterThan(Date.now() + 86_400_000);
    // The old access token went with the spent refresh token.
    expect(sandbox.state.oauth.accepts(token.access_token)).toBe(false);
    const reuse = await axios.post(`${sandbox.url}/admin/oauth/access_token`, { client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET, grant_type: 'refresh_token', refresh_token: token.refresh_token }, { validateStatus: () => true });
    expect(reuse.status).toBe(400);
    expect(reuse.data).toMatchObject({ error: 'invalid_grant' });
    // Still valid for an hour: no second refresh.
    await connector.getProduct([...sandbox.state.store.products.keys()][0]!);
    expect(sandbox.state.oauth.stats.refreshes).toBe(1);
  });

  it('on a 401 for an expired token refreshes once and retries; concurrent calls share that one refresh', async () => {
    const { sandbox, connector, saved } = await refreshing({}, (t) => ({ expiresAt: new Date(Date.now() + t.expires_in * 1000).toISOString() }));
    sandbox.state.oauth.expireAccessTokens();
    const ids = [...sandbox.state.store.products.keys()];
    const products = await Promise.all([...ids, ...ids].map((id) => connector.getProduct(id)));
    expect(products).toHaveLength(6);
    expect(sandbox.state.oauth.stats.refreshes).toBe(1);
    expect(saved).toHaveLength(1);
    expect(connector.tokens.current.accessToken).toBe(saved[0]!.accessToken);
  });

  it('a refused refresh is a ConnectorError unauthorized, and a 401 without refresh stays invalid_credentials', async () => {
    const { sandbox, connector, saved } = await refreshing({}, () => ({ expiresAt: new Date(Date.now() - 1000).toISOString() }));
    sandbox.state.oauth.revokeRefreshTokens();
    await expect(connector.verifyCredentials()).rejects.toMatchObject({ code: 'unauthorized', marketplace: 'shopify', retryable: false, marketplace_code: 'invalid_grant' });
    expect(saved).toHaveLength(0);
    sandbox.state.oauth.expireAccessTokens();
    const plain = new ShopifyConnector({ shop: sandbox.state.shop, accessToken: connector.tokens.current.accessToken }, { baseUrl: sandbox.url });
    await expect(plain.verifyCredentials()).rejects.toMatchObject({ code: 'invalid_credentials', status: 401 });
  });

  it('token exchange refuses forged, expired, wrong-audience and wrong-shop session tokens', async () => {
    const sandbox = await startShopifySandbox({ products: 1 });
    running.push(sandbox);
    const exchange = (subject: string, secret = SANDBOX_CLIENT_SECRET) =>
      axios.post(`${sandbox.url}/admin/oauth/access_token`, {
        client_id: SANDBOX_CLIENT_ID,
        client_secret: secret,
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: subject,
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
        requested_token_type: 'urn:shopify:params:oauth:token-type:offline-access-token',
      }, { validateStatus: () => true });
    const base = { shop: sandbox.state.shop, clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET };
    const now = Math.floor(Date.now() / 1000);
    expect((await exchange(mintSessionToken({ ...base, clientSecret: 'not-the-secret' }))).data).toMatchObject({ error: 'invalid_subject_token' });
    expect((await exchange(mintSessionToken({ ...base, exp: now - 60 }))).data.error_description).toMatch(/expired/);
    expect((await exchange(mintSessionToken({ ...base, nbf: now + 60 }))).data.error_description).toMatch(/not active/);
    expect((await exchange(mintSessionToken({ ...base, aud: 'someone-else' }))).data.error_description).toMatch(/audience/);
    expect((await exchange(mintSessionToken({ ...base, shop: 'other.myshopify.com' }))).data.error_description).toMatch(/another shop/);
    expect((await exchange(mintSessionToken(base), 'wrong-secret')).status).toBe(401);
    const good = await exchange(mintSessionToken(base));
    expect(good.status).toBe(200);
    // Not expiring: no refresh token, no expires_in, and the token works.
    expect(good.data.refresh_token).toBeUndefined();
    expect(sandbox.state.oauth.accepts(good.data.access_token)).toBe(true);
  });
});
