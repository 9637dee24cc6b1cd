// WooCommerce sites as they are in the wild: hosts that strip the Authorization header, sites on plain
// permalinks, WooCommerce's alt-text rule, variation images across replace and restore.
import { afterEach, describe, expect, it } from '@jest/globals';
import { WooCommerceConnector } from './woocommerce.connector.js';
import { DEFAULT_APPLICATION_PASSWORD, DEFAULT_WOO_KEY, startWooCommerceSandbox, type WooCommerceSandboxOptions } from '../sandboxes/woocommerce.sandbox.js';
import { selfSignedCertificate } from '../test-support/tls.js';

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

const keys = { consumerKey: DEFAULT_WOO_KEY.consumerKey, consumerSecret: DEFAULT_WOO_KEY.consumerSecret };
const appPassword = { wpUsername: DEFAULT_APPLICATION_PASSWORD.user, wpApplicationPassword: DEFAULT_APPLICATION_PASSWORD.password };
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const fastRetry = { attempts: 3, baseDelayMs: 10, maxDelayMs: 100 };

async function setup(options: WooCommerceSandboxOptions, withPassword = true) {
  const tls = options.tls ? options.tls : undefined;
  const sandbox = await startWooCommerceSandbox(options);
  running.push(sandbox);
  const connector = new WooCommerceConnector({ url: sandbox.url, ...keys, ...(withPassword ? appPassword : {}) }, { ca: tls?.cert, retry: fastRetry });
  return { sandbox, connector };
}

describe('WooCommerceConnector fallbacks', () => {
  it('sends the keys in the query string over HTTPS when the host strips Authorization, and remembers it', async () => {
    const tls = selfSignedCertificate();
    const { sandbox, connector } = await setup({ products: 5, tls, stripAuthorization: true }, false);
    await expect(connector.verifyCredentials()).resolves.toMatchObject({ details: { auth: 'query', products: 5 } });
    const stripped = sandbox.state.stats.strippedAuthorization;
    expect(stripped).toBe(1);
    expect((await connector.listProducts(null)).products).toHaveLength(5);
    // Remembered for the site: a new connector for the same integration goes straight to the query string.
    const again = new WooCommerceConnector({ url: sandbox.url, ...keys }, { ca: tls.cert, retry: fastRetry });
    await again.listProducts(null);
    expect(sandbox.state.stats.strippedAuthorization).toBe(stripped);
    // Wrong keys are still wrong, whichever way they travel.
    const wrong = new WooCommerceConnector({ url: sandbox.url, consumerKey: keys.consumerKey, consumerSecret: 'cs_wrong' }, { ca: tls.cert, retry: fastRetry });
    await expect(wrong.verifyCredentials()).rejects.toMatchObject({ code: 'invalid_credentials', marketplace_code: 'woocommerce_rest_authentication_error' });
  });

  it('behind a TLS-terminating proxy (WordPress sees HTTP) signs OAuth for the http:// URL WordPress sees', async () => {
    const tls = selfSignedCertificate();
    const { sandbox, connector } = await setup({ products: 4, tls, tlsTerminatedAhead: true }, false);
    expect(sandbox.url.startsWith('https://')).toBe(true);
    await expect(connector.verifyCredentials()).resolves.toMatchObject({ details: { auth: 'signed-http', products: 4 } });
    expect((await connector.listProducts(null)).products).toHaveLength(4);
  });

  it('reaches a plain-permalinks site through ?rest_route=, signed with OAuth over HTTP', async () => {
    const { sandbox, connector } = await setup({ products: 130, plainPermalinks: true });
    await expect(connector.verifyCredentials()).resolves.toMatchObject({ details: { routing: 'rest_route', auth: 'oauth1' } });
    const all = [];
    for await (const batch of connector.syncCatalog()) all.push(...batch);
    expect(all).toHaveLength(130);
    expect(sandbox.state.stats.restRoute).toBeGreaterThan(2);
    const product = all.find((p) => p.images.length > 0)!;
    const result = await connector.publishImage(product.id, { data: PNG, filename: 'plain.png', contentType: 'image/png' }, { replaceImageId: product.images[0]!.id });
    expect(result.image.position).toBe(1);
  });

  it('a replacement keeps the alt text and the variations that showed the original; restore gives both back', async () => {
    const { sandbox, connector } = await setup({ products: 60 });
    const products = [];
    for await (const batch of connector.syncCatalog()) products.push(...batch);
    const product = products.find((p) => p.images.some((i) => i.variant_ids.length > 0 && i.alt))!;
    expect(product).toBeDefined();
    const original = product.images.find((i) => i.variant_ids.length > 0 && i.alt)!;
    const result = await connector.publishImage(product.id, { data: PNG, filename: 'v.png', contentType: 'image/png' }, { replaceImageId: original.id });
    expect(result.image).toMatchObject({ position: original.position, alt: original.alt, variant_ids: original.variant_ids });
    const raw = sandbox.state.store.products.get(Number(product.id))!;
    for (const id of original.variant_ids) expect(raw.variations.find((v) => String(v.id) === id)!.imageId).toBe(Number(result.image.id));
    const restored = await connector.restoreImage(product.id, result);
    expect(restored.images).toEqual(product.images);
  });

  it('the sandbox keeps an attachment’s alt when an update sends an empty one, as WooCommerce does', async () => {
    const { sandbox, connector } = await setup({ products: 10 });
    const product = (await connector.listProducts(null)).products.find((p) => p.images[0]?.alt)!;
    const raw = sandbox.state.store.products.get(Number(product.id))!;
    sandbox.state.store.setImages(raw, raw.imageIds.map((id) => ({ id, alt: '' })));
    expect((await connector.getProduct(product.id)).images[0]!.alt).toBe(product.images[0]!.alt);
    sandbox.state.store.setImages(raw, raw.imageIds.map((id, i) => ({ id, alt: i === 0 ? 'new alt' : undefined })));
    expect((await connector.getProduct(product.id)).images[0]!.alt).toBe('new alt');
  });
});
