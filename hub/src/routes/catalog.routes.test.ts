import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startShopifySandbox } from '@pixport/marketplace/sandboxes';
import type { CatalogItem, HubClient } from '@pixport/shared';
import { CatalogSyncRow } from '../db/entities/catalog-sync.entity.js';
import { failureOf } from '../test-support/failure.js';
import {
  startMarketplaceHub,
  waitForSync,
  type MarketplaceHub,
} from '../test-support/marketplace-sandboxes.js';
import { startTestHub } from '../test-support/test-hub.js';

const PRODUCTS = 1030;

async function allItems(client: HubClient, integration?: string): Promise<CatalogItem[]> {
  const items: CatalogItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.catalog({ integration, cursor, limit: 200 });
    items.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return items;
}

describe('catalog sync and the synced catalog', () => {
  let m: MarketplaceHub;
  beforeAll(async () => {
    m = await startMarketplaceHub({ shopify: { products: PRODUCTS }, woocommerce: { products: 230 } });
  });
  afterAll(() => m.close());

  it('syncs 1,000+ Shopify products, then only what changed, then drops what is gone on a full sync', async () => {
    const { client } = await m.t.newAccount('Shopify sync');
    const integration = await client.createIntegration(m.body('shopify'));
    const queued = await client.syncIntegration(integration.id);
    expect(queued).toMatchObject({
      integration_id: integration.id,
      status: 'queued',
      mode: 'full',
      fetched: 0,
    });
    const first = await waitForSync(client, integration.id);
    expect(first).toMatchObject({
      status: 'succeeded',
      mode: 'full',
      strategy: 'paged',
      fetched: PRODUCTS,
      products: PRODUCTS,
      removed: 0,
      error: null,
    });

    const items = await allItems(client, integration.id);
    expect(items).toHaveLength(PRODUCTS);
    expect(new Set(items.map((item) => item.product_id)).size).toBe(PRODUCTS);
    const sandboxProduct = m.shopify.state.store.products.get(items[0]!.product_id)!;
    expect(items[0]).toMatchObject({
      marketplace: 'shopify',
      integration_id: integration.id,
      title: sandboxProduct.title,
      updated_at: sandboxProduct.updatedAt,
    });
    expect(items[0]!.skus.length).toBeGreaterThan(0);
    expect(items[0]!.variants[0]).toEqual({
      id: sandboxProduct.variants[0]!.id,
      title: sandboxProduct.variants[0]!.title,
      sku: sandboxProduct.variants[0]!.sku,
    });
    expect(items.some((item) => item.images.length > 0)).toBe(true);
    // Newest change first, across pages.
    const times = items.map((item) => Date.parse(item.updated_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const changed = [...m.shopify.state.store.products.values()].slice(100, 103);
    for (const product of changed) {
      product.title = `${product.title} (renamed)`;
      m.shopify.state.store.touch(product);
    }
    await client.syncIntegration(integration.id);
    const second = await waitForSync(client, integration.id);
    expect(second).toMatchObject({
      status: 'succeeded',
      mode: 'incremental',
      fetched: 3,
      products: PRODUCTS,
    });
    const renamed = await client.catalog({ integration: integration.id, search: '(renamed)' });
    expect(renamed.data.map((item) => item.product_id).sort()).toEqual(
      changed.map((product) => product.id).sort(),
    );
    expect(
      (await client.catalog({ integration: integration.id, limit: 3 })).data
        .map((item) => item.title)
        .every((title) => title.endsWith('(renamed)')),
    ).toBe(true);

    const gone = [...m.shopify.state.store.products.keys()].slice(0, 2);
    for (const id of gone) m.shopify.state.store.products.delete(id);
    await client.syncIntegration(integration.id, { full: true });
    const third = await waitForSync(client, integration.id);
    expect(third).toMatchObject({
      status: 'succeeded',
      mode: 'full',
      fetched: PRODUCTS - 2,
      products: PRODUCTS - 2,
      removed: 2,
    });
    const remaining = await allItems(client, integration.id);
    expect(remaining.map((item) => item.product_id)).not.toEqual(expect.arrayContaining([gone[0]]));
    expect((await client.getIntegration(integration.id)).sync).toMatchObject({
      status: 'succeeded',
      products: PRODUCTS - 2,
    });
  });

  it('syncs WooCommerce (OAuth over HTTP, several pages) and the Amazon bridge', async () => {
    const { client } = await m.t.newAccount('Woo sync');
    const woo = await client.createIntegration(m.body('woocommerce'));
    const bridge = await client.createIntegration(m.body('amazon-bridge'));
    await client.syncIntegration(woo.id);
    await client.syncIntegration(bridge.id);
    expect(await waitForSync(client, woo.id)).toMatchObject({
      status: 'succeeded',
      products: 230,
      strategy: 'paged',
    });
    expect(await waitForSync(client, bridge.id)).toMatchObject({
      status: 'succeeded',
      products: m.amazonBridge.state.listings.size,
    });

    const wooItems = await allItems(client, woo.id);
    const first = m.woocommerce.state.store.product(Number(wooItems.at(-1)!.product_id));
    expect(wooItems.at(-1)!.title).toBe(first.name);
    const sku = [...m.amazonBridge.state.listings.values()][3]!.sku;
    const found = await client.catalog({ integration: bridge.id, search: sku.toLowerCase() });
    expect(found.data.map((item) => [item.marketplace, item.product_id])).toEqual([['amazon-bridge', sku]]);
    // The seeds share SKUs across marketplaces: one search finds the product in both.
    const everywhere = await client.catalog({ search: sku });
    expect(new Set(everywhere.data.map((item) => item.marketplace))).toEqual(
      new Set(['woocommerce', 'amazon-bridge']),
    );
    expect(everywhere.data.every((item) => item.skus.some((s) => s.includes(sku)))).toBe(true);
    expect(found.data[0]!.images[0]).toMatchObject({ id: 'main', position: 1 });
    // Both integrations without a filter.
    const everything = await allItems(client);
    expect(everything).toHaveLength(230 + m.amazonBridge.state.listings.size);
    expect(new Set(everything.map((item) => item.marketplace))).toEqual(
      new Set(['woocommerce', 'amazon-bridge']),
    );
  });

  it('treats search text literally and refuses bad queries', async () => {
    const { client } = await m.t.newAccount('Search');
    const bridge = await client.createIntegration(m.body('amazon-bridge'));
    await client.syncIntegration(bridge.id);
    await waitForSync(client, bridge.id);
    expect((await client.catalog({ search: '%' })).data).toEqual([]);
    expect((await client.catalog({ search: '_' })).data).toEqual([]);
    for (const query of [
      { limit: 0 },
      { limit: 201 },
      { cursor: 'not-a-cursor' },
      { search: 'x'.repeat(201) },
    ]) {
      const error = await failureOf(client.catalog(query));
      expect(error).toMatchObject({ status: 422, code: 'invalid_parameter' });
    }
    const body = await failureOf(client.syncIntegration(bridge.id, { full: 'yes' } as never));
    expect(body.problem.errors).toEqual([{ field: 'full', message: expect.any(String) }]);
  });

  it('runs one sync at a time per integration and records a failed one', async () => {
    const { client } = await m.t.newAccount('Conflicts');
    const integration = await client.createIntegration(m.body('shopify'));
    await client.syncIntegration(integration.id);
    const busy = await failureOf(client.syncIntegration(integration.id));
    expect(busy).toMatchObject({ status: 409, code: 'conflict' });
    expect(busy.problem.sync).toMatchObject({ integration_id: integration.id });
    await waitForSync(client, integration.id);
    // A sync left queued without a job (the process stopped before enqueuing) does not block the next one for good.
    const states = m.t.hub.db.getRepository(CatalogSyncRow);
    await states.update({ integrationId: integration.id }, { status: 'queued', requestedAt: new Date(Date.now() - 60_000) });
    expect((await failureOf(client.syncIntegration(integration.id))).code).toBe('conflict');
    await states.update({ integrationId: integration.id }, { status: 'queued', requestedAt: new Date(Date.now() - 6 * 60_000) });
    expect((await client.syncIntegration(integration.id)).status).toBe('queued');
    expect(await waitForSync(client, integration.id)).toMatchObject({ status: 'succeeded', mode: 'incremental' });

    const body = m.body('woocommerce');
    const wrong = await client.createIntegration({
      ...body,
      credentials: { ...body.credentials, consumerSecret: 'cs_wrong_secret_0000000000' },
    });
    await client.syncIntegration(wrong.id);
    const failed = await waitForSync(client, wrong.id);
    expect(failed).toMatchObject({
      status: 'failed',
      error: {
        code: 'marketplace_auth_failed',
        retryable: false,
        marketplace_code: 'woocommerce_rest_authentication_error',
      },
    });
    expect((await client.catalog({ integration: wrong.id })).data).toEqual([]);
  });

  it('chooses a Shopify bulk operation when the throttle makes paging slower', async () => {
    const slow = await startShopifySandbox({
      products: 1200,
      restoreRate: 100,
      bucketSize: 1000,
      bulkObjectsPerSecond: 50_000,
    });
    const t = await startTestHub({ SHOPIFY_API_BASE_URL: slow.url });
    try {
      const { client } = await t.newAccount('Bulk');
      const integration = await client.createIntegration({
        marketplace: 'shopify',
        name: 'Big shop',
        credentials: { shop: slow.state.shop, accessToken: slow.state.accessToken },
      });
      await client.syncIntegration(integration.id);
      const done = await waitForSync(client, integration.id);
      expect(done).toMatchObject({ status: 'succeeded', strategy: 'bulk', products: 1200, total: 1200 });
      expect(slow.state.stats.bulkOperations).toBe(1);
    } finally {
      await t.close();
      await slow.close();
    }
  });

  it('keeps each organization’s catalog to itself and deletes it with the integration', async () => {
    const owner = await m.t.newAccount('Catalog owner');
    const other = await m.t.newAccount('Catalog other');
    const integration = await owner.client.createIntegration(m.body('amazon-bridge'));
    await owner.client.syncIntegration(integration.id);
    await waitForSync(owner.client, integration.id);
    for (const call of [
      () => other.client.syncIntegration(integration.id),
      () => other.client.syncStatus(integration.id),
      () => other.client.catalog({ integration: integration.id }),
    ]) {
      expect(await failureOf(call())).toMatchObject({ status: 404, code: 'not_found' });
    }
    expect((await other.client.catalog()).data).toEqual([]);
    const key = await owner.client.createKey({ name: 'reader', scopes: ['marketplace:read'] });
    const reader = m.t.client({ apiKey: key.key });
    expect((await reader.catalog({ integration: integration.id })).data.length).toBeGreaterThan(0);
    expect((await failureOf(reader.syncIntegration(integration.id))).code).toBe('insufficient_scope');

    const fresh = await owner.client.createIntegration(m.body('shopify'));
    expect((await failureOf(owner.client.syncStatus(fresh.id))).status).toBe(404);
    await owner.client.deleteIntegration(integration.id);
    const rows: unknown[] = await m.t.hub.db.query('SELECT id FROM catalog_items WHERE integration_id = ?', [
      integration.id,
    ]);
    expect(rows).toEqual([]);
    expect((await owner.client.catalog()).data).toEqual([]);
  });

  it('stops a sync whose integration is deleted meanwhile and leaves no catalog behind', async () => {
    // ~28 products per page at ~1 page per second: the sync runs for seconds.
    const slow = await startShopifySandbox({ products: 400, restoreRate: 1000, bucketSize: 1000 });
    const t = await startTestHub({ SHOPIFY_API_BASE_URL: slow.url });
    try {
      const { client } = await t.newAccount('Deleted meanwhile');
      const integration = await client.createIntegration({
        marketplace: 'shopify',
        name: 'Going away',
        credentials: { shop: slow.state.shop, accessToken: slow.state.accessToken },
      });
      await client.syncIntegration(integration.id);
      const count = async () =>
        Number((await t.hub.db.query('SELECT COUNT(*) AS n FROM catalog_items'))[0].n);
      while ((await count()) === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      await client.deleteIntegration(integration.id);
      // Wait until the job has stopped calling the shop.
      let requests = -1;
      while (requests !== slow.state.stats.requests) {
        requests = slow.state.stats.requests;
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
      expect(slow.state.stats.requests).toBeLessThan(400 / 28);
      expect(await count()).toBe(0);
      expect(await t.hub.db.query('SELECT * FROM catalog_syncs')).toEqual([]);
    } finally {
      await t.close();
      await slow.close();
    }
  });
});
