import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CatalogRun, HubClient } from '@pixport/shared';
import { OrganizationRow } from '../db/entities/organization.entity.js';
import { failureOf } from '../test-support/failure.js';
import { realPhoto } from '../test-support/real-photos.js';
import { startMarketplaceHub, waitForSync, type MarketplaceHub } from '../test-support/marketplace-sandboxes.js';

async function waitFor(client: HubClient, id: string, done: (run: CatalogRun) => boolean): Promise<CatalogRun> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const run = await client.catalogRun(id);
    if (done(run)) return run;
    if (Date.now() > deadline) throw new Error(`run still ${run.status}: ${JSON.stringify(run.counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
const settled = (run: CatalogRun) => !['queued', 'running'].includes(run.status);

describe('bulk runs for the Shopify app: saved presets, filter selections, estimates, pause, credits', () => {
  let m: MarketplaceHub;
  let api: HubClient;
  let organizationId: string;
  let integrationId: string;
  let presetId: string;

  beforeAll(async () => {
    m = await startMarketplaceHub({ woocommerce: { products: 12 } });
    // Real photographs as every product's images.
    const photos = [realPhoto('coffee.png'), realPhoto('chelsea.png'), realPhoto('rocket.jpg')];
    let n = 0;
    for (const attachment of m.woocommerce.state.store.attachments.values()) {
      attachment.data = photos[n++ % photos.length]!;
      attachment.mimeType = 'image/png';
    }
    const created = await m.t.newKey();
    organizationId = created.me.organization.id;
    api = m.t.client({ apiKey: created.key.key });
    const body = m.body('woocommerce');
    const password = m.woocommerce.state.applicationPasswords[0]!;
    integrationId = (
      await api.createIntegration({
        ...body,
        credentials: { ...body.credentials, wpUsername: password.user, wpApplicationPassword: password.password },
      })
    ).id;
    await api.syncIntegration(integrationId);
    await waitForSync(api, integrationId);
    presetId = (await created.owner.createPreset({ name: 'square-240', operation: 'process', params: { width: 240, height: 240, background: '#ffffff', format: 'jpeg' } })).id;
  }, 120_000);
  afterAll(() => m.close());

  const setBalance = (balance: number) =>
    m.t.hub.db.getRepository(OrganizationRow).update({ id: organizationId }, { creditsBalance: balance });
  const balance = async () => (await m.t.hub.db.getRepository(OrganizationRow).findOneByOrFail({ id: organizationId })).creditsBalance;

  it('estimates and runs a saved preset over a filter selection; items keep alt text and variant links', async () => {
    const catalog = await api.catalog({ integration: integrationId, limit: 200 });
    const withImages = catalog.data.filter((item) => item.images.length > 0);
    const q = withImages[0]!.title;
    const matching = withImages.filter((item) => item.title.toLowerCase().includes(q.toLowerCase()) || item.skus.some((sku) => sku.toLowerCase().includes(q.toLowerCase())));
    const body = { integration_id: integrationId, preset_id: 'square-240', all: true as const, q };
    const estimate = await api.estimateCatalog(body);
    expect(estimate).toEqual({
      products: matching.length,
      images: matching.length,
      credits_per_image: 1,
      credits: matching.length,
      credits_remaining: await balance(),
      enough: true,
    });
    const allImages = await api.estimateCatalog({ ...body, images: 'all', q: undefined });
    expect(allImages.images).toBe(withImages.reduce((sum, item) => sum + item.images.length, 0));

    const run = await api.processCatalog(body);
    expect(run).toMatchObject({ operation: 'process', preset_id: presetId, paused_reason: null, params: { width: 240 } });
    const done = await waitFor(api, run.id, settled);
    expect(done).toMatchObject({ status: 'completed', counts: { total: matching.length, succeeded: matching.length } });
    const items = (await api.catalogRunItems(run.id)).data;
    for (const runItem of items) {
      const main = matching.find((item) => item.product_id === runItem.product_id)!.images[0]!;
      expect({ alt: runItem.alt, variant_ids: runItem.variant_ids }).toEqual({ alt: main.alt, variant_ids: main.variant_ids });
    }

    const fields = async (extra: Record<string, unknown>) =>
      (await failureOf(api.processCatalog({ integration_id: integrationId, ...extra } as never))).problem.errors?.map((e) => e.field);
    expect(await fields({ all: true })).toEqual(['operation']);
    expect(await fields({ all: true, preset_id: 'nope' })).toEqual(['preset_id']);
    expect(await fields({ all: true, preset_id: presetId, operation: 'upscale' })).toEqual(['operation']);
    expect(await fields({ product_ids: ['1'], operation: 'process', vendor: 'x' })).toEqual(['all']);
    expect(await fields({ all: true, operation: 'process', q: 'no product is called this' })).toEqual(['all']);
    expect((await failureOf(api.estimateCatalog({ integration_id: integrationId, all: true, fails: 'ebay' } as never))).status).toBe(422);
  });

  it('fails only the items of a product deleted from the shop since the sync, with not_found', async () => {
    const ids = (await api.catalog({ integration: integrationId, limit: 200 })).data
      .filter((item) => item.images.length > 0)
      .slice(0, 3)
      .map((item) => item.product_id);
    // Gone from the shop after the sync: the catalog still lists it, the marketplace answers 404.
    m.woocommerce.state.store.products.delete(Number(ids[1]));
    const run = await api.processCatalog({
      integration_id: integrationId,
      product_ids: ids,
      operation: 'process',
      params: { width: 200, height: 200, background: '#ffffff', format: 'jpeg' },
      publish: true,
    });
    const done = await waitFor(api, run.id, settled);
    expect(done).toMatchObject({ status: 'completed', counts: { total: 3, failed: 1, published: 2 } });
    const items = (await api.catalogRunItems(run.id)).data;
    expect(items.map((item) => [item.product_id, item.status, item.error?.code ?? null])).toEqual([
      [ids[0], 'succeeded', null],
      [ids[1], 'failed', 'not_found'],
      [ids[2], 'succeeded', null],
    ]);
  });

  it('pauses, resumes and cancels for good', async () => {
    const run = await api.processCatalog({ integration_id: integrationId, all: true, operation: 'upscale', params: { scale: 2 }, images: 'all' });
    const paused = await api.pauseCatalogRun(run.id);
    expect(paused).toMatchObject({ status: 'paused', paused_reason: 'merchant' });
    expect((await failureOf(api.pauseCatalogRun(run.id))).code).toBe('conflict');
    // Nothing new is taken while paused.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const still = await api.catalogRun(run.id);
    expect(still.status).toBe('paused');
    const resumed = await api.resumeCatalogRun(run.id);
    expect(resumed).toMatchObject({ status: 'queued', paused_reason: null });
    await waitFor(api, run.id, (r) => r.counts.succeeded + r.counts.skipped > 0);
    const canceled = await api.cancelCatalogRun(run.id);
    expect(canceled).toMatchObject({ status: 'canceled', paused_reason: null });
    expect(await failureOf(api.resumeCatalogRun(run.id))).toMatchObject({ status: 409, code: 'conflict' });
    expect((await failureOf(api.pauseCatalogRun(run.id))).code).toBe('conflict');
  });

  it('pauses out of credits instead of failing images, resumes by itself when credits return, and charges each image once', async () => {
    const body = { integration_id: integrationId, all: true as const, operation: 'process' as const, params: { width: 300, height: 200, background: '#fafafa', format: 'png' }, images: 'all' as const };
    const estimate = await api.estimateCatalog(body);
    expect(estimate.images).toBeGreaterThan(3);
    await setBalance(2);
    expect(await api.estimateCatalog(body)).toMatchObject({ credits_remaining: 2, enough: false });
    const run = await api.processCatalog(body);
    const paused = await waitFor(api, run.id, (r) => r.status !== 'queued' && r.status !== 'running');
    expect(paused).toMatchObject({ status: 'paused', paused_reason: 'insufficient_credits' });
    expect(paused.counts.failed).toBe(0);
    expect(paused.counts.succeeded + paused.counts.skipped).toBeLessThanOrEqual(2);
    expect(await balance()).toBe(0);
    expect(await failureOf(api.resumeCatalogRun(run.id))).toMatchObject({ status: 402, code: 'insufficient_credits' });
    // Nothing resumes while the balance cannot pay for an image.
    expect(await m.t.hub.services.catalogRuns.service.resumeFunded()).toBe(0);

    await setBalance(1000); // a refill, plan change or top-up: what the catalog-resume job looks for
    expect(await m.t.hub.services.catalogRuns.service.resumeFunded()).toBe(1);
    const done = await waitFor(api, run.id, settled);
    expect(done).toMatchObject({ status: 'completed', paused_reason: null, counts: { failed: 0, total: estimate.images } });
    const processed = done.counts.succeeded;
    const reservations = await m.t.hub.db.query(
      "SELECT COUNT(*) AS n FROM credit_reservations cr JOIN catalog_run_items i ON i.task_id = cr.task_id WHERE i.run_id = ? AND cr.status = 'captured'",
      [run.id],
    );
    expect(Number(reservations[0].n)).toBe(processed);
    // The 2 credits spent before the pause and what was spent after it: one per processed image, none twice.
    expect(2 + 1000 - (await balance())).toBe(processed);
  });
});
