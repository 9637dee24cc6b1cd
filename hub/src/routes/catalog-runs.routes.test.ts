import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CatalogRun, HubClient } from '@pixport/shared';
import { CatalogRunItemRow } from '../db/entities/catalog-run-item.entity.js';
import { CatalogRunRow } from '../db/entities/catalog-run.entity.js';
import { productOn } from '../processing/test-images.js';
import { failureOf } from '../test-support/failure.js';
import {
  startMarketplaceHub,
  waitForSync,
  type MarketplaceHub,
} from '../test-support/marketplace-sandboxes.js';

const PARAMS = { width: 240, height: 240, background: '#ffffff', format: 'jpeg' };

async function waitForRun(client: HubClient, id: string): Promise<CatalogRun> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const run = await client.catalogRun(id);
    if (run.status !== 'queued' && run.status !== 'running') return run;
    if (Date.now() > deadline) throw new Error(`run still ${run.status}: ${JSON.stringify(run.counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

describe('bulk processing of a synced catalog', () => {
  let m: MarketplaceHub;
  let api: HubClient;
  let integrationId: string;
  /** Products with at least two images; their main image is a distinct real photo-like image. */
  let products: number[];
  let broken: number;

  const wooImages = (id: number) => [...m.woocommerce.state.store.product(id).imageIds];
  const attachment = (id: number) => m.woocommerce.state.store.attachments.get(id)!;
  const taskCount = async () => Number((await m.t.hub.db.query('SELECT COUNT(*) AS n FROM tasks'))[0].n);

  beforeAll(async () => {
    m = await startMarketplaceHub({ woocommerce: { products: 40 } });
    const created = await m.t.newKey();
    api = m.t.client({ apiKey: created.key.key });
    const candidates = [...m.woocommerce.state.store.products.values()]
      .filter((product) => product.imageIds.length >= 2)
      .map((product) => product.id);
    products = candidates.slice(0, 5);
    broken = candidates[5]!;
    for (const [index, id] of products.entries()) {
      const main = attachment(wooImages(id)[0]!);
      main.data = await productOn(
        '#f4f4f4',
        { width: 320, height: 240 },
        { left: 20 + index * 30, top: 30, width: 120, height: 100 },
      );
      main.mimeType = 'image/jpeg';
    }
    Object.assign(attachment(wooImages(broken)[0]!), {
      data: Buffer.from('definitely not an image'),
      mimeType: 'image/jpeg',
    });
    const body = m.body('woocommerce');
    const password = m.woocommerce.state.applicationPasswords[0]!;
    integrationId = (
      await api.createIntegration({
        ...body,
        credentials: {
          ...body.credentials,
          wpUsername: password.user,
          wpApplicationPassword: password.password,
        },
      })
    ).id;
    await api.syncIntegration(integrationId);
    await waitForSync(api, integrationId);
  });
  afterAll(() => m.close());

  it('processes each main image as a task, skips what was processed with the same parameters, publishes in place, and never touches an original that failed', async () => {
    const first = await api.processCatalog({
      integration_id: integrationId,
      product_ids: products.slice(0, 3).map(String),
      operation: 'process',
      params: PARAMS,
    });
    expect(first).toMatchObject({
      status: 'queued',
      operation: 'process',
      images: 'main',
      publish: false,
      counts: { total: 3, pending: 3 },
    });
    const done = await waitForRun(api, first.id);
    expect(done).toMatchObject({
      status: 'completed',
      counts: { total: 3, succeeded: 3, skipped: 0, failed: 0, published: 0 },
    });
    const items = (await api.catalogRunItems(first.id)).data;
    expect(items.map((item) => item.product_id)).toEqual(products.slice(0, 3).map(String));
    for (const item of items) {
      expect(item).toMatchObject({
        status: 'succeeded',
        task_id: expect.stringMatching(/^task_/),
        result_id: expect.stringMatching(/^res_/),
        content_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const output = await api.downloadResult(item.result_id!);
      expect(output.contentType).toBe('image/jpeg');
    }
    expect(new Set(items.map((item) => item.content_hash)).size).toBe(3);
    // Nothing was published: the products still show their originals.
    expect(wooImages(products[0]!)[0]).toBe(Number(items[0]!.image_id));

    const originals = new Map([...products, broken].map((id) => [id, wooImages(id)]));
    const tasksBefore = await taskCount();
    const second = await api.processCatalog({
      integration_id: integrationId,
      product_ids: [...products.slice(0, 4), broken].map(String),
      operation: 'process',
      params: PARAMS,
      publish: true,
    });
    const secondDone = await waitForRun(api, second.id);
    expect(secondDone).toMatchObject({
      status: 'completed',
      counts: { total: 5, succeeded: 4, failed: 1, published: 4, reused: 3, skipped: 0 },
    });
    expect(await taskCount()).toBe(tasksBefore + 1); // only the fourth product was processed again
    const secondItems = (await api.catalogRunItems(second.id)).data;
    for (const [index, id] of products.slice(0, 4).entries()) {
      const item = secondItems[index]!;
      expect(item).toMatchObject({ status: 'succeeded', published: true, reused: index < 3 });
      if (index < 3) expect(item.result_id).toBe(items[index]!.result_id);
      const event = await api.publishEvent(item.publish_id!);
      expect(event).toMatchObject({ status: 'succeeded', replaced: { id: String(originals.get(id)![0]) } });
      // The processed image took the original's place; every other image stayed.
      const now = wooImages(id);
      expect(now).toEqual([Number(event.image!.id), ...originals.get(id)!.slice(1)]);
      expect(
        attachment(now[0]!).data!.equals(Buffer.from((await api.downloadResult(item.result_id!)).data)),
      ).toBe(true);
    }
    const failed = secondItems[4]!;
    expect(failed).toMatchObject({
      status: 'failed',
      product_id: String(broken),
      published: false,
      publish_id: null,
      error: { code: 'unsupported_media_type' },
    });
    expect(wooImages(broken)).toEqual(originals.get(broken));

    // The published outputs are recognised: nothing is processed or published twice.
    const publishesBefore = (await api.publishEvents({ limit: 200 })).data.length;
    const third = await waitForRun(
      api,
      (
        await api.processCatalog({
          integration_id: integrationId,
          product_ids: products.slice(0, 4).map(String),
          operation: 'process',
          params: PARAMS,
          publish: true,
        })
      ).id,
    );
    expect(third.counts).toMatchObject({ total: 4, skipped: 4, succeeded: 0, published: 0 });
    expect((await api.publishEvents({ limit: 200 })).data.length).toBe(publishesBefore);

    // Other parameters are other work.
    const other = await waitForRun(
      api,
      (
        await api.processCatalog({
          integration_id: integrationId,
          product_ids: [String(products[0])],
          operation: 'process',
          params: { ...PARAMS, width: 200 },
        })
      ).id,
    );
    expect(other.counts).toMatchObject({ succeeded: 1, skipped: 0 });

    // Resume retries the failed image once its original is fixed.
    Object.assign(attachment(originals.get(broken)![0]!), {
      data: await productOn(
        '#ffffff',
        { width: 200, height: 200 },
        { left: 40, top: 40, width: 60, height: 60 },
      ),
    });
    const resumed = await api.resumeCatalogRun(second.id);
    expect(resumed).toMatchObject({ status: 'queued', counts: { pending: 1, failed: 0 } });
    expect(await waitForRun(api, second.id)).toMatchObject({
      status: 'completed',
      counts: { total: 5, succeeded: 5, failed: 0, published: 5 },
    });
    expect(wooImages(broken).slice(1)).toEqual(originals.get(broken)!.slice(1));
    expect((await failureOf(api.resumeCatalogRun(second.id))).code).toBe('conflict');
    expect((await failureOf(api.cancelCatalogRun(second.id))).code).toBe('conflict');
    expect((await api.catalogRuns()).data.map((run) => run.id)).toContain(second.id);
  });

  it('carries on after a worker died mid-run without redoing finished steps', async () => {
    const [a, b, c] = products.slice(2, 5);
    const run = await waitForRun(
      api,
      (
        await api.processCatalog({
          integration_id: integrationId,
          product_ids: [String(a), String(b), String(c)],
          operation: 'upscale',
          params: { scale: 2 },
        })
      ).id,
    );
    expect(run.counts.succeeded).toBe(3);
    const [first, second, third] = (await api.catalogRunItems(run.id)).data;
    const stale = new Date(Date.now() - 10 * 60_000);
    // As a dead worker leaves them: one image waiting for its task, one about to publish, one not yet taken.
    const items = m.t.hub.db.getRepository(CatalogRunItemRow);
    await m.t.hub.db
      .getRepository(CatalogRunRow)
      .update({ id: run.id }, { status: 'running', finishedAt: null, publish: true });
    await items.update({ id: first!.id }, { status: 'processing', updatedAt: stale });
    await items.update(
      { id: second!.id },
      { status: 'publishing', publishId: 'pub_resumedAfterCrash00001', updatedAt: stale },
    );
    await items.update({ id: third!.id }, { status: 'pending', taskId: null, resultId: null });
    const tasksBefore = await taskCount();
    await m.t.hub.services.catalogRuns.runner.run({ runId: run.id }, async () => undefined);
    const after = await api.catalogRun(run.id);
    expect(after).toMatchObject({ status: 'completed', counts: { succeeded: 3, failed: 0 } });
    expect(await taskCount()).toBe(tasksBefore + 0);
    const resumed = (await api.catalogRunItems(run.id)).data;
    expect(resumed[0]).toMatchObject({
      status: 'succeeded',
      task_id: first!.task_id,
      result_id: first!.result_id,
      published: true,
    });
    expect(resumed[1]).toMatchObject({
      status: 'succeeded',
      publish_id: 'pub_resumedAfterCrash00001',
      published: true,
    });
    expect((await api.publishEvent('pub_resumedAfterCrash00001')).status).toBe('succeeded');
    // The third was downloaded again, recognised as processed with these parameters, and its result published.
    expect(resumed[2]).toMatchObject({
      status: 'succeeded',
      reused: true,
      published: true,
      result_id: third!.result_id,
      task_id: null,
    });
  });

  it('cancels a queued run and refuses bad requests before anything runs', async () => {
    const all = await api.processCatalog({
      integration_id: integrationId,
      all: true,
      operation: 'process',
      params: PARAMS,
      images: 'all',
    });
    const canceled = await api.cancelCatalogRun(all.id);
    expect(canceled.status).toBe('canceled');
    const settled = await waitForRun(api, all.id);
    expect(settled.status).toBe('canceled');
    expect(settled.counts.total).toBeGreaterThan(
      settled.counts.succeeded + settled.counts.skipped + settled.counts.failed,
    );

    const fields = async (body: unknown) => {
      const error = await failureOf(api.processCatalog(body as never));
      expect(error).toMatchObject({ status: 422, code: 'invalid_parameter' });
      return error.problem.errors!.map((e) => e.field).sort();
    };
    const base = { integration_id: integrationId, operation: 'process' };
    expect(await fields({ ...base })).toEqual(['product_ids']);
    expect(await fields({ ...base, all: true, product_ids: ['1'] })).toEqual(['product_ids']);
    expect(await fields({ ...base, all: true, operation: 'ocr' })).toEqual(['operation']);
    expect(await fields({ ...base, all: true, params: { width: -5, bogus: 1 } })).toEqual([
      'params.bogus',
      'params.width',
    ]);
    expect(await fields({ ...base, all: true, preset: 'ebay-ish' })).toEqual(['preset']);
    expect(await fields({ ...base, product_ids: ['999999', String(products[0])] })).toEqual(['product_ids']);
    const unsynced = await api.createIntegration(m.body('shopify'));
    expect(await fields({ ...base, integration_id: unsynced.id, all: true })).toEqual(['all']);

    const other = await m.t.newKey();
    const otherApi = m.t.client({ apiKey: other.key.key });
    expect((await failureOf(otherApi.processCatalog({ ...base, all: true } as never))).status).toBe(404);
    for (const call of [
      () => otherApi.catalogRun(all.id),
      () => otherApi.catalogRunItems(all.id),
      () => otherApi.resumeCatalogRun(all.id),
      () => otherApi.cancelCatalogRun(all.id),
    ]) {
      expect(await failureOf(call())).toMatchObject({ status: 404, code: 'not_found' });
    }
    expect((await otherApi.catalogRuns()).data).toEqual([]);
    const reader = await m.t.newKey({ scopes: ['marketplace:read'] });
    expect(
      (
        await failureOf(
          m.t.client({ apiKey: reader.key.key }).processCatalog({ ...base, all: true } as never),
        )
      ).code,
    ).toBe('insufficient_scope');
  });
});
