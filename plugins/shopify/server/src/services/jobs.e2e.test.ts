import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CatalogSyncState, Job, JobItemPage, ProductPage } from '../api/contract.js';
import { WebhookEventRow } from '../db/entities/webhook-event.entity.js';
import { startAppStack, type AppStack } from '../test-support/app-stack.js';
import { until } from '../test-support/until.js';
import { deliver } from '../test-support/webhooks.js';

// A merchant's whole path over sandbox products: sync → products → preview → estimate → job → review →
// publish (variant links kept) → restore, and automation's loop-safety on the app's own media change.
let stack: AppStack;
let products: ProductPage;
beforeAll(async () => {
  stack = await startAppStack({ sandbox: { products: 6 } });
  await stack.load('/');
  await stack.api('POST', '/api/catalog/sync');
  await until(async () => ((await stack.api('GET', '/api/catalog/sync')).body as unknown as CatalogSyncState).status === 'succeeded', 60_000, 'catalog sync');
  products = (await stack.api('GET', '/api/products?limit=50')).body as unknown as ProductPage;
}, 120_000);
afterAll(() => stack.close());

const media = (productId: string) => stack.sandbox.state.store.products.get(productId)!;

async function finishedJob(id: string): Promise<Job> {
  return until(async () => {
    const job = (await stack.api('GET', `/api/jobs/${id}`)).body as unknown as Job;
    return ['completed', 'failed', 'canceled'].includes(job.status) ? job : null;
  }, 90_000, 'job to finish');
}

describe('products, presets, previews', () => {
  it('lists the synced catalog with thumbnails behind signed same-origin links', async () => {
    expect(products.products).toHaveLength(6);
    expect(products.total).toBe(6);
    const withImage = products.products.find((product) => product.thumbnail_url)!;
    expect(withImage.thumbnail_url).toMatch(/^\/media\/original\/[^?]+\?shop=.+&exp=\d+&sig=/);
    const image = await fetch(`${stack.url}${withImage.thumbnail_url}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\//);
    // Change the signature's first character to a different one (replacing it with a fixed 'x' left it as it was
    // whenever the signature began with 'x').
    const forged = withImage.thumbnail_url!.replace(/sig=(.)/, (_, first: string) => `sig=${first === 'x' ? 'y' : 'x'}`);
    expect(forged).not.toBe(withImage.thumbnail_url);
    const tampered = await fetch(`${stack.url}${forged}`);
    expect(tampered.status).toBe(403);
  });

  it('answers the catalog facets', async () => {
    const facets = await stack.api('GET', '/api/products/facets');
    expect(facets.status).toBe(200);
    expect(Array.isArray(facets.body.vendors)).toBe(true);
  });

  it('offers marketplace presets and previews three products for free', async () => {
    const presets = (await stack.api('GET', '/api/presets')).body.presets as Array<{ id: string; credits_per_image: number }>;
    expect(presets.map((preset) => preset.id)).toContain('mkt:shopify');
    const before = ((await stack.api('GET', '/api/status')).body.plan as { credits_remaining: number }).credits_remaining;
    const ids = products.products.filter((product) => product.image_count > 0).slice(0, 3).map((product) => product.id);
    const preview = await stack.api('POST', '/api/previews', { preset_id: 'mkt:shopify', product_ids: ids });
    expect(preview.status).toBe(200);
    const previews = preview.body.previews as Array<{ after_url: string | null; error: string | null }>;
    expect(previews).toHaveLength(3);
    for (const entry of previews) expect(entry.error).toBeNull();
    const after = await fetch(`${stack.url}${previews[0]!.after_url}`);
    expect(after.status).toBe(200);
    expect(after.headers.get('content-type')).toMatch(/^image\//);
    const afterCredits = ((await stack.api('GET', '/api/status')).body.plan as { credits_remaining: number }).credits_remaining;
    expect(afterCredits).toBe(before);
    const tooMany = await stack.api('POST', '/api/previews', { preset_id: 'mkt:shopify', product_ids: ['a', 'b', 'c', 'd'] });
    expect(tooMany.status).toBe(422);
  });
});

describe('a bulk job', () => {
  let job: Job;
  let originalId: string;
  let variantsBefore: string[];
  const target = () => products.products.find((product) => product.image_count > 0 && media(product.id).variants.some((variant) => variant.mediaIds.length > 0)) ?? products.products.find((product) => product.image_count > 0)!;

  it('runs in the hub and lists before/after per image', async () => {
    const selection = { product_ids: [target().id] };
    const created = await stack.api('POST', '/api/jobs', { preset_id: 'mkt:shopify', selection, images: 'main', auto_publish: false });
    expect(created.status).toBe(201);
    job = await finishedJob((created.body as unknown as Job).id);
    expect(job.status).toBe('completed');
    expect(job.counts.succeeded).toBe(1);

    const items = (await stack.api('GET', `/api/jobs/${job.id}/items`)).body as unknown as JobItemPage;
    expect(items.items).toHaveLength(1);
    expect(items.items[0]).toMatchObject({ product_id: target().id, status: 'succeeded', review: 'pending', publish: 'none', product_title: target().title });
    const after = await fetch(`${stack.url}${items.items[0]!.after_url}`);
    expect(after.status).toBe(200);
  });

  it('publishes nothing unapproved; approved images replace the original with alt and variant links', async () => {
    const product = media(target().id);
    originalId = product.mediaIds[0]!;
    variantsBefore = product.variants.filter((variant) => variant.mediaIds.includes(originalId)).map((variant) => variant.id);
    expect((await stack.api('POST', `/api/jobs/${job.id}/publish`, { all: true })).body).toEqual({ queued: 0 });

    expect((await stack.api('POST', `/api/jobs/${job.id}/review`, { decision: 'approved', all: true })).body).toEqual({ updated: 1 });
    expect((await stack.api('POST', `/api/jobs/${job.id}/publish`, { all: true })).body).toEqual({ queued: 1 });
    // A second click queues nothing more.
    expect((await stack.api('POST', `/api/jobs/${job.id}/publish`, { all: true })).body).toEqual({ queued: 0 });
    await until(async () => {
      await stack.app.drain();
      const items = (await stack.api('GET', `/api/jobs/${job.id}/items`)).body as unknown as JobItemPage;
      return items.items[0]!.publish === 'published';
    }, 60_000, 'publish');
    const now = media(target().id);
    expect(now.mediaIds).not.toContain(originalId);
    const published = now.mediaIds[0]!;
    expect(now.variants.filter((variant) => variant.mediaIds.includes(published)).map((variant) => variant.id)).toEqual(variantsBefore);
    const status = await stack.api('GET', '/api/status');
    expect((status.body.onboarding as { first_publish: boolean }).first_publish).toBe(true);
  });

  it('the products/update of its own publish does not start processing again (loop-safe)', async () => {
    await stack.api('PUT', '/api/automation', { enabled: true, preset_id: 'mkt:shopify', mode: 'review' });
    const product = media(target().id);
    const payload = { admin_graphql_api_id: product.id, media: product.mediaIds.map((id) => ({ admin_graphql_api_id: id })) };
    const sent = await deliver(stack.url, 'products/update', payload);
    await stack.app.drain();
    const event = await stack.app.dataSource.getRepository(WebhookEventRow).findOneByOrFail({ eventId: sent.eventId });
    expect(event.outcome).toMatch(/skipped/);
    const jobs = (await stack.api('GET', '/api/jobs')).body.jobs as Job[];
    expect(jobs).toHaveLength(1);
    // A media id the app has never seen does trigger automation.
    const fresh = await deliver(stack.url, 'products/update', { ...payload, media: [...payload.media, { admin_graphql_api_id: 'gid://shopify/MediaImage/999999' }] });
    await stack.app.drain();
    expect((await stack.app.dataSource.getRepository(WebhookEventRow).findOneByOrFail({ eventId: fresh.eventId })).outcome).toMatch(/queued processing/);
    // Once the hub's sync is done, the automation task starts a job over the product.
    const automated = await until(async () => {
      await stack.app.drain();
      const list = (await stack.api('GET', '/api/jobs')).body.jobs as Job[];
      return list.length === 2 ? list[0] : null;
    }, 60_000, 'the automation job');
    expect(automated).toMatchObject({ preset: { id: 'mkt:shopify' }, auto_publish: false, images: 'all' });
    await stack.api('PUT', '/api/automation', { enabled: false, preset_id: 'mkt:shopify', mode: 'review' });
  });

  it('answers not_found for another shop’s job and 422 for a bad body', async () => {
    const other = await stack.token({}, 'other-shop.myshopify.com');
    expect((await stack.api('GET', `/api/jobs/${job.id}`, undefined, other)).status).toBe(404);
    expect((await stack.api('GET', '/api/jobs/job_nope')).status).toBe(404);
    expect((await stack.api('POST', '/api/jobs', { preset_id: 'mkt:nope', selection: { product_ids: ['x'] } })).status).toBe(422);
  });
});
