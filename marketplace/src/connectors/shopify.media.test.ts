// Publishing and restoring against the Shopify sandbox's media failures. Each test meets one way the
// connector used to break: variants that already show media, asynchronous reorders, media that ends
// FAILED, a concurrent publish to the same product, a product deleted mid-publish.
import { describe, expect, it } from '@jest/globals';
import axios from 'axios';
import { png, useShopifySandboxes } from '../test-support/shopify-setup.js';
import type { ShopifySandbox } from '../sandboxes/shopify.sandbox.js';

const setup = useShopifySandboxes();
const upload = (tag: number) => ({ data: png(tag), filename: `pixport-${tag}.png`, contentType: 'image/png' });

/** A product whose first image is shown by its first variant, with at least one more image and variant. */
function productWithVariantImage(sandbox: ShopifySandbox) {
  const product = [...sandbox.state.store.products.values()].find((p) => p.variants.length > 1 && p.mediaIds.length > 1 && p.variants[0]!.mediaIds[0] === p.mediaIds[0]);
  if (!product) throw new Error('the seed has no product with a variant image');
  return product;
}

describe('ShopifyConnector media against the sandbox', () => {
  it('links a variant that already shows an image: detaches first, nothing half-updated', async () => {
    const { sandbox, connector } = await setup({ products: 40 });
    const raw = productWithVariantImage(sandbox);
    const variant = raw.variants[0]!;
    const before = await connector.getProduct(raw.id);
    expect(before.images[0]!.variant_ids).toContain(variant.id);
    const result = await connector.publishImage(raw.id, upload(1), { variantIds: [variant.id] });
    expect(result.image.variant_ids).toEqual([variant.id]);
    const after = await connector.getProduct(raw.id);
    expect(after.images.map((i) => i.id)).toEqual([...before.images.map((i) => i.id), result.image.id]);
    expect(after.images[0]!.variant_ids).not.toContain(variant.id);
    expect(variant.mediaIds).toEqual([result.image.id]);
  });

  it('a replacement carries the original alt text and variant links; restore puts both back', async () => {
    const { sandbox, connector } = await setup({ products: 40, reorderJobMs: 150 });
    const raw = productWithVariantImage(sandbox);
    const before = await connector.getProduct(raw.id);
    const original = before.images[0]!;
    expect(original.alt).toBeTruthy();
    expect(original.variant_ids.length).toBeGreaterThan(0);
    const result = await connector.publishImage(raw.id, upload(2), { replaceImageId: original.id });
    expect(result.replaced).toEqual(original);
    expect(result.image).toMatchObject({ position: 1, alt: original.alt, variant_ids: original.variant_ids });
    const replacedView = await connector.getProduct(raw.id);
    expect(replacedView.images.map((i) => i.id)).toEqual(before.images.map((i) => (i.id === original.id ? result.image.id : i.id)));
    // The original stays in Files for restore.
    expect(sandbox.state.store.media.has(original.id)).toBe(true);

    const restored = await connector.restoreImage(raw.id, result);
    expect(restored.images).toEqual(before.images);
    expect(restored.images.map((i) => i.id)).not.toContain(result.image.id);
  });

  it('waits for the reorder job before reading positions back', async () => {
    const { sandbox, connector } = await setup({ products: 10, reorderJobMs: 300 });
    const raw = [...sandbox.state.store.products.values()].find((p) => p.mediaIds.length >= 2)!;
    const result = await connector.publishImage(raw.id, upload(3), { position: 1, alt: 'first' });
    expect(result.image).toMatchObject({ position: 1, alt: 'first' });
    expect(raw.mediaIds[0]).toBe(result.image.id);
  });

  it('media that ends FAILED is deleted again and the original stays live, untouched', async () => {
    const { sandbox, connector } = await setup({ products: 40, mediaProcessingMs: 60 });
    const raw = productWithVariantImage(sandbox);
    const before = await connector.getProduct(raw.id);
    const files = sandbox.state.store.media.size;
    sandbox.state.faults.failNextMedia = 1;
    const error = await connector.publishImage(raw.id, upload(4), { replaceImageId: before.images[0]!.id }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'rejected', marketplace_code: 'IMAGE_PROCESSING_FAILURE', retryable: false });
    expect(await connector.getProduct(raw.id)).toEqual(before);
    expect(sandbox.state.store.media.size).toBe(files);
  });

  it('two publishes to one product at once each get their own image (the id comes from fileCreate, not media(last: 1))', async () => {
    const { sandbox, connector } = await setup({ products: 5 });
    const raw = [...sandbox.state.store.products.values()][0]!;
    const [a, b] = await Promise.all([connector.publishImage(raw.id, upload(5)), connector.publishImage(raw.id, upload(6))]);
    expect(a.image.id).not.toBe(b.image.id);
    for (const [result, tag] of [[a, 5], [b, 6]] as const) {
      const bytes = await axios.get<ArrayBuffer>(result.image.url, { responseType: 'arraybuffer' });
      expect(Buffer.from(bytes.data)).toEqual(png(tag));
    }
    expect(raw.mediaIds.slice(-2).sort()).toEqual([a.image.id, b.image.id].sort());
  });

  it('a product deleted mid-publish is not_found, and the new file does not linger', async () => {
    const { sandbox, connector } = await setup({ products: 5, mediaProcessingMs: 300 });
    const raw = [...sandbox.state.store.products.values()].find((p) => p.mediaIds.length > 0)!;
    const files = sandbox.state.store.media.size - raw.mediaIds.length;
    const publishing = connector.publishImage(raw.id, upload(7), { replaceImageId: raw.mediaIds[0]! });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(sandbox.state.store.deleteProduct(raw.id)).toBe(true);
    await expect(publishing).rejects.toMatchObject({ code: 'not_found' });
    expect(sandbox.state.store.media.size).toBe(files);
    await expect(connector.getProduct(raw.id)).rejects.toMatchObject({ code: 'not_found', status: 404 });
  });

  it('refuses a variant that is not on the product before changing anything', async () => {
    const { sandbox, connector } = await setup({ products: 3 });
    const raw = [...sandbox.state.store.products.values()][0]!;
    const files = sandbox.state.store.media.size;
    await expect(connector.publishImage(raw.id, upload(8), { variantIds: ['gid://shopify/ProductVariant/1'] })).rejects.toMatchObject({ code: 'not_found' });
    expect(sandbox.state.store.media.size).toBe(files);
    expect(sandbox.state.stats.requests).toBe(1);
  });
});
