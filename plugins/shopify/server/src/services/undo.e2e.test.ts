import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CatalogSyncState, Job, JobItemPage, ProductPage } from '../api/contract.js';
import { startAppStack, type AppStack } from '../test-support/app-stack.js';
import { until } from '../test-support/until.js';

// Undo: a published image is restored (the hub's restore route puts the original back with its variant links).
let stack: AppStack;
let job: Job;
let productId: string;
let originalId: string;
let variantsBefore: string[];

const media = (id: string) => stack.sandbox.state.store.products.get(id)!;
const items = async () => ((await stack.api('GET', `/api/jobs/${job.id}/items`)).body as unknown as JobItemPage).items;

beforeAll(async () => {
  stack = await startAppStack({ sandbox: { products: 6 } });
  await stack.load('/');
  await stack.api('POST', '/api/catalog/sync');
  await until(async () => ((await stack.api('GET', '/api/catalog/sync')).body as unknown as CatalogSyncState).status === 'succeeded', 60_000, 'catalog sync');
  const products = ((await stack.api('GET', '/api/products?limit=50')).body as unknown as ProductPage).products;
  const target = products.find((product) => product.image_count > 0 && media(product.id).variants.some((variant) => variant.mediaIds.length > 0)) ?? products.find((product) => product.image_count > 0)!;
  productId = target.id;
  originalId = media(productId).mediaIds[0]!;
  variantsBefore = media(productId).variants.filter((variant) => variant.mediaIds.includes(originalId)).map((variant) => variant.id);
  const created = (await stack.api('POST', '/api/jobs', { preset_id: 'mkt:shopify', selection: { product_ids: [productId] }, images: 'main', auto_publish: false })).body as unknown as Job;
  job = await until(async () => {
    const current = (await stack.api('GET', `/api/jobs/${created.id}`)).body as unknown as Job;
    return current.status === 'completed' ? current : null;
  }, 90_000, 'job');
  await stack.api('POST', `/api/jobs/${job.id}/review`, { decision: 'approved', all: true });
  await stack.api('POST', `/api/jobs/${job.id}/publish`, { all: true });
  await until(async () => {
    await stack.app.drain();
    return (await items())[0]!.publish === 'published';
  }, 60_000, 'publish');
}, 180_000);
afterAll(() => stack.close());

describe('restore', () => {
  it('restores the whole job: the original is back with its variant links', async () => {
    expect(media(productId).mediaIds).not.toContain(originalId);
    const restored = await stack.api('POST', '/api/restore', { job_id: job.id });
    expect(restored.body).toEqual({ queued: 1 });
    await until(async () => {
      await stack.app.drain();
      const item = (await items())[0]!;
      if (item.error) throw new Error(`restore failed: ${item.error.code} ${item.error.message}`);
      return item.publish === 'restored';
    }, 60_000, 'restore');
    const now = media(productId);
    expect(now.mediaIds[0]).toBe(originalId);
    expect(now.variants.filter((variant) => variant.mediaIds.includes(originalId)).map((variant) => variant.id)).toEqual(variantsBefore);
    const after = (await stack.api('GET', `/api/jobs/${job.id}`)).body as unknown as Job;
    expect(after.counts).toMatchObject({ approved: 1, published: 0, restored: 1 });
    // Restoring again queues nothing (only published images are restorable).
    expect((await stack.api('POST', '/api/restore', { product_id: productId })).body).toEqual({ queued: 0 });
  });
});
