import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { HubClient, PublishEvent } from '@pixport/shared';
import { productOn } from '../processing/test-images.js';
import { failureOf } from '../test-support/failure.js';
import { startMarketplaceHub, waitForSync, type MarketplaceHub } from '../test-support/marketplace-sandboxes.js';

async function waitForPublish(client: HubClient, id: string): Promise<PublishEvent> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const event = await client.publishEvent(id);
    if (event.status === 'succeeded' || event.status === 'failed') return event;
    if (Date.now() > deadline) throw new Error(`publish still ${event.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('restore a publish (Shopify sandbox)', () => {
  let m: MarketplaceHub;
  let api: HubClient;
  let owner: HubClient;
  let integrationId: string;
  let resultId: string;

  beforeAll(async () => {
    m = await startMarketplaceHub({ shopify: { products: 12 } });
    const created = await m.t.newKey();
    api = m.t.client({ apiKey: created.key.key });
    owner = created.owner;
    integrationId = (await api.createIntegration(m.body('shopify'))).id;
    await api.syncIntegration(integrationId);
    await waitForSync(api, integrationId);
    const processed = await api.processImage(
      { data: await productOn('#eeeeee', { width: 300, height: 300 }, { left: 60, top: 60, width: 180, height: 180 }), filename: 'mug.jpg' },
      { width: 400, height: 400, format: 'png' },
    );
    resultId = processed.id;
  });
  afterAll(() => m.close());

  /** A product of the sandbox with ≥ 2 images whose image at `index` a variant shows. */
  const productWithVariantImage = (skip: string[] = []) => {
    for (const product of m.shopify.state.store.products.values()) {
      if (skip.includes(product.id) || product.mediaIds.length < 2) continue;
      const variant = product.variants.find((v) => v.mediaIds.length === 1 && v.mediaIds[0] !== product.mediaIds[0]);
      if (variant) return { product, variant, originalId: variant.mediaIds[0]! };
    }
    throw new Error('no seeded product has a variant showing a non-main image');
  };

  it('puts the replaced original back with its position, alt text and variant link, and is idempotent', async () => {
    const { product, variant, originalId } = productWithVariantImage();
    const originalPosition = product.mediaIds.indexOf(originalId) + 1;
    const originalAlt = m.shopify.state.store.media.get(originalId)!.alt;
    const mediaBefore = [...product.mediaIds];

    const queued = await api.publish({ integration_id: integrationId, product_id: product.id, result_id: resultId, replace_image_id: originalId });
    const published = await waitForPublish(api, queued.id);
    expect(published).toMatchObject({ status: 'succeeded', replaced: { id: originalId, position: originalPosition }, restored_at: null });
    const newId = published.image!.id;
    expect(product.mediaIds).not.toContain(originalId);
    expect(product.mediaIds[originalPosition - 1]).toBe(newId);
    expect(variant.mediaIds).toEqual([newId]);

    const restored = await api.restorePublishEvent(queued.id);
    expect(restored).toMatchObject({ id: queued.id, status: 'restored', error: null });
    expect(restored.restored_at).not.toBeNull();
    // On the shop: the original where it was, its alt text and its variant link; the published image detached.
    expect(product.mediaIds).toEqual(mediaBefore);
    expect(m.shopify.state.store.media.get(originalId)!.alt).toBe(originalAlt);
    expect(variant.mediaIds).toEqual([originalId]);
    expect(product.mediaIds).not.toContain(newId);
    // The hub's catalog follows.
    const item = (await api.catalog({ integration: integrationId, search: product.id })).data[0]!;
    expect(item.images.map((image) => image.id)).toEqual(mediaBefore);
    // (`variant_ids` joins the catalog's wire schema with the catalog work; the stored image carries it already.)
    expect((item.images.find((image) => image.id === originalId) as { variant_ids?: string[] }).variant_ids).toEqual([variant.id]);

    // Idempotent: the same answer, nothing changes on the shop.
    const again = await api.restorePublishEvent(queued.id);
    expect(again).toEqual(restored);
    expect(product.mediaIds).toEqual(mediaBefore);
    expect((await api.publishEvent(queued.id)).status).toBe('restored');
  });

  it('restores an added image (nothing replaced) by detaching it', async () => {
    const product = [...m.shopify.state.store.products.values()].find((candidate) => candidate.mediaIds.length > 0)!;
    const before = [...product.mediaIds];
    const queued = await api.publish({ integration_id: integrationId, product_id: product.id, result_id: resultId, position: 1 });
    const published = await waitForPublish(api, queued.id);
    expect(product.mediaIds[0]).toBe(published.image!.id);
    expect((await api.restorePublishEvent(queued.id)).status).toBe('restored');
    expect(product.mediaIds).toEqual(before);
  });

  it('refuses publishes that did not succeed, other organizations, and keys without the publish scope', async () => {
    const failed = await waitForPublish(
      api,
      (await api.publish({ integration_id: integrationId, product_id: [...m.shopify.state.store.products.keys()][0]!, result_id: resultId, replace_image_id: 'gid://shopify/MediaImage/404' })).id,
    );
    expect(failed.status).toBe('failed');
    const conflict = await failureOf(api.restorePublishEvent(failed.id));
    expect([conflict.status, conflict.code, conflict.problem.publish_status]).toEqual([409, 'conflict', 'failed']);

    const { product } = productWithVariantImage();
    const event = await waitForPublish(api, (await api.publish({ integration_id: integrationId, product_id: product.id, result_id: resultId })).id);
    const stranger = m.t.client({ apiKey: (await m.t.newKey()).key.key });
    expect((await failureOf(stranger.restorePublishEvent(event.id))).status).toBe(404);
    const reader = m.t.client({ apiKey: (await owner.createKey({ name: 'reader', scopes: ['marketplace:read'] })).key });
    expect((await failureOf(reader.restorePublishEvent(event.id))).code).toBe('insufficient_scope');
    expect((await failureOf(api.restorePublishEvent('pub_unknown'))).status).toBe(404);
    expect((await api.publishEvent(event.id)).status).toBe('succeeded');
  });

  it('answers a marketplace failure and leaves the publish succeeded with the error', async () => {
    const { product } = productWithVariantImage();
    const event = await waitForPublish(api, (await api.publish({ integration_id: integrationId, product_id: product.id, result_id: resultId })).id);
    m.shopify.state.store.products.delete(product.id);
    const failure = await failureOf(api.restorePublishEvent(event.id));
    expect(failure.code).toMatch(/^marketplace_/);
    const after = await api.publishEvent(event.id);
    expect(after.status).toBe('succeeded');
    expect(after.error).not.toBeNull();
  });
});
