// Catalog sync against the Shopify sandbox's 2026-era behaviour: the served API version, ungrouped
// bulk JSONL, several bulk operations at once, Shopify's own 5xx and forced throttling.
import { describe, expect, it } from '@jest/globals';
import { collect, useShopifySandboxes } from '../test-support/shopify-setup.js';
import { SHOPIFY_API_VERSION } from './shopify.connector.js';

const setup = useShopifySandboxes();

describe('ShopifyConnector sync against the sandbox', () => {
  it('pins 2026-10, and says so once when Shopify serves another version (the pin expired)', async () => {
    expect(SHOPIFY_API_VERSION).toBe('2026-10');
    const mismatches: [string, string][] = [];
    const { sandbox, connector } = await setup({ products: 3, apiVersions: ['2027-01', '2027-04', '2027-07', '2027-10'] }, { onApiVersionMismatch: (a, b) => void mismatches.push([a, b]) });
    await expect(connector.verifyCredentials()).resolves.toMatchObject({ details: { api_version: '2026-10', api_version_served: '2027-01' } });
    await connector.listProducts(null);
    expect(mismatches).toEqual([['2026-10', '2027-01']]);
    expect(sandbox.state.stats.versions).toEqual({ '2027-01': 2 });
  });

  it('serves the pinned version as asked, with no warning', async () => {
    const mismatches: unknown[] = [];
    const { sandbox, connector } = await setup({ products: 2 }, { onApiVersionMismatch: (...args) => void mismatches.push(args) });
    await connector.verifyCredentials();
    expect(mismatches).toEqual([]);
    expect(sandbox.state.stats.versions).toEqual({ '2026-10': 1 });
  });

  it('assembles ungrouped bulk JSONL (children before their parents) into the same products paging gives', async () => {
    const { connector } = await setup({ products: 130 });
    const bulk = await collect(connector.syncCatalog({ strategy: 'bulk' }));
    const paged = await collect(connector.syncCatalog({ strategy: 'paged' }));
    expect(bulk).toHaveLength(130);
    expect(bulk).toEqual(paged);
    expect(bulk.some((p) => p.variants.length > 1 && p.images.length > 1 && p.collections.length > 0 && p.images.some((i) => i.variant_ids.length > 0))).toBe(true);
  });

  it('two bulk syncs at once both finish: each polls its own operation by id', async () => {
    const { sandbox, connector } = await setup({ products: 200, bulkObjectsPerSecond: 2000 });
    const [a, b] = await Promise.all([collect(connector.syncCatalog({ strategy: 'bulk' })), collect(connector.syncCatalog({ strategy: 'bulk', updatedSince: '2025-01-01T01:00:00Z' }))]);
    expect(a).toHaveLength(200);
    expect(b).toHaveLength(200 - 60);
    expect(sandbox.state.stats.bulkOperations).toBe(2);
  });

  it("retries Shopify's 5xx (edge 503s and INTERNAL_SERVER_ERROR answers) and forced THROTTLED answers, then completes", async () => {
    const { sandbox, connector } = await setup({ products: 30 });
    sandbox.state.faults.serverErrors = 2;
    await expect(connector.listProducts(null)).resolves.toMatchObject({ next_cursor: expect.any(String) });
    Object.assign(sandbox.state.faults, { serverErrors: 2, serverErrorStatus: 200 });
    await expect(connector.verifyCredentials()).resolves.toMatchObject({ ok: true });
    expect(sandbox.state.stats.serverErrors).toBe(4);
    sandbox.state.faults.throttleNext = 3;
    expect(await collect(connector.syncCatalog({ strategy: 'paged' }))).toHaveLength(30);
    expect(connector.client.throttledCount).toBe(3);
  });

  it('gives up on a Shopify that keeps failing with a retryable unavailable error', async () => {
    const { sandbox, connector } = await setup({ products: 2 });
    Object.assign(sandbox.state.faults, { serverErrors: 50, serverErrorStatus: 200 });
    await expect(connector.verifyCredentials()).rejects.toMatchObject({ code: 'unavailable', retryable: true, marketplace_code: 'INTERNAL_SERVER_ERROR' });
  }, 20_000);
});
