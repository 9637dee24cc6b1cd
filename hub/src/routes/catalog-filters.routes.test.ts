import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CatalogFilters, CatalogItem, HubClient } from '@pixport/shared';
import { failureOf } from '../test-support/failure.js';
import { seedCatalog, seedProduct, SEED_TYPES, SEED_VENDORS } from '../test-support/catalog-seed.js';
import { startMarketplaceHub, type MarketplaceHub } from '../test-support/marketplace-sandboxes.js';

const PRODUCTS = 10_000;

describe('catalog filters, facets and totals on 10,000 products', () => {
  let m: MarketplaceHub;
  let client: HubClient;
  let integrationId: string;
  const seeded = Array.from({ length: PRODUCTS }, (_, i) => seedProduct(i));

  /** Every page of a filtered listing, following the cursor. */
  async function walk(filters: CatalogFilters, limit: number) {
    const items: CatalogItem[] = [];
    const totals = new Set<number>();
    let cursor: string | undefined;
    do {
      const page = await client.catalog({ integration: integrationId, ...filters, cursor, limit });
      items.push(...page.data);
      totals.add(page.total);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    return { items, totals: [...totals] };
  }

  /** The expected matches, newest change first, ties by id (what the keyset order is). */
  function expected(match: (product: (typeof seeded)[number]) => boolean): string[] {
    return seeded.filter(match).map((product) => product.id);
  }

  beforeAll(async () => {
    m = await startMarketplaceHub({ shopify: { products: 1 } });
    const account = await m.t.newAccount('Filters');
    client = account.client;
    integrationId = (await client.createIntegration(m.body('shopify'))).id;
    await seedCatalog(m.t.hub.db, { organizationId: account.me.organization.id, integrationId }, PRODUCTS);
    // The seed can outlast the server's keep-alive timeout: the client's idle socket may be reset on its next
    // use (a client-side race, not what is tested here), so one warm-up request takes that.
    await client.catalogFacets().catch(() => undefined);
  }, 120_000);
  afterAll(() => m.close());

  it.each<[string, CatalogFilters, (product: (typeof seeded)[number]) => boolean, number]>([
    ['vendor and status', { vendor: 'Cobalt & Co', status: 'draft' }, (p) => p.vendor === 'Cobalt & Co' && p.status === 'draft', 37],
    ['product type', { product_type: 'Hats' }, (p) => p.product_type === 'Hats', 200],
    ['collection', { collection: 'gid://shopify/Collection/2' }, (p) => p.collections.some((c) => c.id === 'gid://shopify/Collection/2'), 150],
    ['fails google in a collection', { fails: 'google', collection: 'gid://shopify/Collection/1' }, (p) => (p.fails & 2) !== 0 && p.collections.some((c) => c.id === 'gid://shopify/Collection/1'), 20],
    ['fails any', { fails: 'any' }, (p) => p.fails !== 0, 200],
    ['q, literally', { q: '50%_OFF' }, (p) => p.title.includes('50%_off'), 7],
    ['q on a SKU with a status', { q: 'sku-99', status: 'active' }, (p) => p.skus[0]!.toLowerCase().includes('sku-99') && p.status === 'active', 5],
  ])('pages %s with the cursor: every match once, in order, with the total', async (_name, filters, match, limit) => {
    const want = expected(match);
    expect(want.length).toBeGreaterThan(0);
    const { items, totals } = await walk(filters, limit);
    const ids = items.map((item) => item.product_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...want].sort());
    expect(totals).toEqual([want.length]);
    const keys = items.map((item) => [Date.parse(item.updated_at), item.id] as const);
    for (let i = 1; i < keys.length; i++) {
      const [at, id] = keys[i]!;
      const [prevAt, prevId] = keys[i - 1]!;
      expect(at < prevAt || (at === prevAt && id < prevId)).toBe(true);
    }
  });

  it('answers the product fields, per-image variants and compliance, and the product verdicts', async () => {
    const page = await client.catalog({ integration: integrationId, q: 'Product/100030', limit: 5 });
    const item = page.data.find((entry) => entry.product_id === seeded[30]!.id)!;
    expect(item).toMatchObject({
      vendor: seeded[30]!.vendor,
      product_type: seeded[30]!.product_type,
      status: seeded[30]!.status,
      collections: seeded[30]!.collections,
      // 30 fails amazon and google: its masks say so; nothing checked its images yet.
      compliance: { amazon: 'fail', google: 'fail', shopify: 'pass' },
    });
    expect(item.images[0]).toEqual({
      id: seeded[30]!.images[0]!.id,
      url: seeded[30]!.images[0]!.url,
      alt: 'Product 30',
      position: 1,
      variant_ids: ['gid://shopify/ProductVariant/30'],
      compliance: { amazon: 'unknown', google: 'unknown', shopify: 'unknown' },
    });
    expect(item.images[1]).toMatchObject({ alt: null, variant_ids: [] });
  });

  it('lists the facets of the catalog, sorted, and the organization’s alone', async () => {
    const facets = await client.catalogFacets({ integration_id: integrationId });
    expect(facets).toEqual({
      vendors: [...SEED_VENDORS].sort(),
      product_types: [...SEED_TYPES].sort(),
      collections: [
        { id: 'gid://shopify/Collection/2', title: 'Sale 50%_off' },
        { id: 'gid://shopify/Collection/1', title: 'Summer' },
      ],
    });
    expect(await client.catalogFacets()).toEqual(facets);
    const other = await m.t.newAccount('Other');
    expect(await other.client.catalogFacets()).toEqual({ vendors: [], product_types: [], collections: [] });
    expect((await other.client.catalog({ vendor: 'Acme' })).total).toBe(0);
    for (const call of [
      () => other.client.catalogFacets({ integration_id: integrationId }),
      () => other.client.catalog({ integration: integrationId, vendor: 'Acme' }),
    ])
      expect(await failureOf(call())).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('refuses bad filters with the field named', async () => {
    for (const [query, field] of [
      [{ status: 'published' }, 'status'],
      [{ fails: 'ebay' }, 'fails'],
      [{ vendor: 'x'.repeat(256) }, 'vendor'],
      [{ q: '' }, 'q'],
      [{ collection: '   ' }, 'collection'],
    ] as const) {
      const error = await failureOf(client.catalog({ integration: integrationId, ...(query as object) }));
      expect(error).toMatchObject({ status: 422, code: 'invalid_parameter' });
      expect(error.problem.errors?.map((e) => e.field)).toEqual([field]);
    }
    const facets = await failureOf(client.catalogFacets({ integration_id: 'x'.repeat(65) }));
    expect(facets).toMatchObject({ status: 422, code: 'invalid_parameter' });
  });
});
