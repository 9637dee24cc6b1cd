import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SessionRow } from '../db/entities/session.entity.js';
import { ShopRow } from '../db/entities/shop.entity.js';
import { SHOP, startAppStack, type AppStack } from '../test-support/app-stack.js';
import { until } from '../test-support/until.js';
import { deliver } from '../test-support/webhooks.js';

// Install → link → uninstall → shop/redact against a real hub process and the Shopify sandbox.
let stack: AppStack;
beforeAll(async () => {
  stack = await startAppStack();
});
afterAll(() => stack.close());

const shops = () => stack.app.dataSource.getRepository(ShopRow);
const sessions = () => stack.app.dataSource.getRepository(SessionRow);

describe('install and the hub link', () => {
  it('exchanges the session token for an expiring offline token and links the shop to a new hub organization', async () => {
    const response = await stack.load('/');
    expect(response.status).toBe(200);
    expect(stack.sandbox.state.oauth.stats.exchanges).toBe(1);

    const session = await sessions().findOneByOrFail({ shop: SHOP });
    expect(session.id).toBe(`offline_${SHOP}`);
    expect(session.isOnline).toBe(false);
    expect(session.expires).not.toBeNull();
    // Sealed at rest: neither token is readable in the row.
    expect(session.accessTokenSealed).toMatch(/^v1\./);
    expect(session.accessTokenSealed).not.toContain('shpat_');
    expect(session.refreshTokenSealed).not.toContain('shprt_');
    const loaded = await stack.app.services.sessions.loadSession(session.id);
    expect(loaded?.accessToken).toMatch(/^shpat_/);
    expect(stack.sandbox.state.oauth.accepts(loaded!.accessToken!)).toBe(true);

    const row = await shops().findOneByOrFail({ shop: SHOP });
    expect(row.status).toBe('active');
    expect(row.hubOrganizationId).toBeTruthy();
    expect(row.liveKeySealed).not.toContain('pxp_');

    const { installation } = await stack.app.services.gateway.installation(SHOP);
    expect(installation).toMatchObject({ shop: SHOP, status: 'active', organization_id: row.hubOrganizationId, created_organization: true });

    // The hub's integration works with the exchanged token: the hub itself talks to the sandbox.
    const status = await stack.api('GET', '/api/status');
    expect(status.status).toBe(200);
    expect(status.body.hub).toMatchObject({ linked: true, reachable: true, organization_id: row.hubOrganizationId });
    expect((status.body.plan as { credits_remaining: number }).credits_remaining).toBeGreaterThan(0);
  });

  it('a second load reuses the link (no second exchange, no new keys)', async () => {
    const before = await shops().findOneByOrFail({ shop: SHOP });
    await stack.load('/jobs');
    expect(stack.sandbox.state.oauth.stats.exchanges).toBe(1);
    expect((await shops().findOneByOrFail({ shop: SHOP })).liveKeySealed).toBe(before.liveKeySealed);
  });

  it('when the hub reports the Shopify credentials invalid, the next load exchanges again and hands the hub the new token', async () => {
    // The merchant's tokens stop working and the refresh token is gone: the hub's refresh fails.
    stack.sandbox.state.oauth.expireAccessTokens();
    stack.sandbox.state.oauth.revokeRefreshTokens();
    await stack.api('POST', '/api/catalog/sync');
    const failed = await until(async () => {
      const sync = (await stack.api('GET', '/api/catalog/sync')).body as unknown as { status: string; error: string | null };
      return sync.status === 'failed' ? sync : null;
    }, 60_000, 'the sync to fail');
    expect(failed.error).toBeTruthy();
    await stack.load('/');
    expect(stack.sandbox.state.oauth.stats.exchanges).toBe(2);
    await stack.api('POST', '/api/catalog/sync');
    const synced = await until(async () => {
      const sync = (await stack.api('GET', '/api/catalog/sync')).body as unknown as { status: string };
      return sync.status === 'succeeded' || sync.status === 'failed' ? sync : null;
    }, 60_000, 'the sync after the new exchange');
    expect(synced.status).toBe('succeeded');
  });

  it('app/uninstalled: sessions deleted, the hub installation uninstalled, the API refuses the shop', async () => {
    const sent = await deliver(stack.url, 'app/uninstalled', { id: 1, domain: SHOP });
    expect(sent.status).toBe(200);
    // Flagged at once, before the worker ran.
    expect((await stack.api('GET', '/api/presets')).body.code).toBe('shop_uninstalled');
    await stack.app.drain();
    expect(await sessions().countBy({ shop: SHOP })).toBe(0);
    const row = await shops().findOneByOrFail({ shop: SHOP });
    expect([row.status, row.liveKeySealed]).toEqual(['uninstalled', null]);
    const { installation } = await stack.app.services.gateway.installation(SHOP);
    expect(installation.status).toBe('uninstalled');
    // A products/update after the uninstall is not processed.
    const late = await deliver(stack.url, 'products/update', { admin_graphql_api_id: 'gid://shopify/Product/1001', media: [] });
    await stack.app.drain();
    const inventory = await stack.app.services.shopData.inventory(SHOP);
    expect(inventory.webhook_events).toBe(2);
    expect(late.status).toBe(200);
  });

  it('shop/redact erases the shop from the app and its organization from the hub (idempotent)', async () => {
    const sent = await deliver(stack.url, 'shop/redact', { shop_id: 1, shop_domain: SHOP });
    expect(sent.status).toBe(200);
    await stack.app.drain();
    const inventory = await stack.app.services.shopData.inventory(SHOP);
    expect(Object.values(inventory).every((count) => count === 0)).toBe(true);
    await expect(stack.app.services.gateway.installation(SHOP)).rejects.toMatchObject({ code: 'not_found' });
    // A repeat (Shopify may send it again) still answers 200 and the hub DELETE stays a no-op.
    expect((await deliver(stack.url, 'shop/redact', { shop_id: 1, shop_domain: SHOP })).status).toBe(200);
    await stack.app.drain();
    expect(Object.values(await stack.app.services.shopData.inventory(SHOP)).every((count) => count === 0)).toBe(true);
  });

  it('installing again after the redact provisions a fresh organization', async () => {
    await stack.load('/');
    expect(stack.sandbox.state.oauth.stats.exchanges).toBe(3);
    expect((await shops().findOneByOrFail({ shop: SHOP })).status).toBe('active');
  });

  it('hub down: the API answers a readable 503 hub_unavailable', async () => {
    await stack.hub!.stop();
    const response = await stack.api('GET', '/api/presets');
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('hub_unavailable');
    expect(response.body.detail).toMatch(/could not be reached/);
    const status = await stack.api('GET', '/api/status');
    expect(status.status).toBe(503);
  });
});
