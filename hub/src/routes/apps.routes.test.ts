import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HubClient, type AppInstallBody } from '@pixport/shared';
import { AuditEventRow } from '../db/entities/audit-event.entity.js';
import { CatalogRunRow } from '../db/entities/catalog-run.entity.js';
import { IntegrationRow } from '../db/entities/integration.entity.js';
import { newId } from '../lib/ids.js';
import { failureOf } from '../test-support/failure.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

const SECRET = `app-link-${crypto.randomBytes(24).toString('hex')}`;
let shopCounter = 0;
const newShop = () => `shop-${crypto.randomBytes(3).toString('hex')}-${++shopCounter}.myshopify.com`;
const installBody = (shop: string, extra: Partial<AppInstallBody> = {}): AppInstallBody => ({
  shop,
  access_token: `shpat_${crypto.randomBytes(16).toString('hex')}`,
  scopes: ['read_products', 'write_products', 'write_files'],
  shop_name: 'Tea & Things',
  email: 'owner@tea.example',
  ...extra,
});

describe('Shopify app link: install, get, token, uninstall', () => {
  let t: TestHub;
  let app: HubClient;
  beforeAll(async () => {
    t = await startTestHub({ APP_LINK_SECRET: SECRET });
    app = new HubClient({ baseUrl: t.url, appLinkSecret: SECRET, clientPlatform: 'shopify' });
  });
  afterAll(() => t.close());

  const auditActions = async (organizationId: string) =>
    (await t.hub.db.getRepository(AuditEventRow).find({ where: { organizationId }, order: { createdAt: 'ASC' } })).map((row) => row.action);

  it('provisions an organization named after the shop, stores the token sealed and answers keys that work', async () => {
    const shop = newShop();
    const body = installBody(shop);
    const { installation, api_keys } = await app.shopifyInstall(body);
    expect(installation).toMatchObject({ shop, created_organization: true, status: 'active', scopes: body.scopes });
    expect(api_keys.live).toMatch(/^pxp_live_/);
    expect(api_keys.test).toMatch(/^pxp_test_/);

    const live = t.client({ apiKey: api_keys.live });
    const account = await live.account();
    expect(account).toMatchObject({ organization: { id: installation.organization_id, name: 'Tea & Things' } });
    const integrations = await live.listIntegrations();
    expect(integrations.data).toHaveLength(1);
    expect(integrations.data[0]).toMatchObject({
      id: installation.integration_id,
      marketplace: 'shopify',
      status: 'unverified',
      credentials: { shop, accessToken: `…${body.access_token.slice(-4)}` },
    });
    expect((await t.client({ apiKey: api_keys.test }).listIntegrations()).data).toHaveLength(1);

    // Sealed at rest: the token is nowhere in the row.
    const row = await t.hub.db.getRepository(IntegrationRow).findOneByOrFail({ id: installation.integration_id });
    expect(JSON.stringify(row)).not.toContain(body.access_token);
    expect((await app.shopifyInstallation(shop)).installation).toEqual(installation);
    expect(await auditActions(installation.organization_id)).toEqual(['app.installed', 'app.installation_read']);
  });

  it('re-install keeps the organization and the integration, revokes the old keys', async () => {
    const shop = newShop();
    const first = await app.shopifyInstall(installBody(shop));
    const second = await app.shopifyInstall(installBody(shop, { scopes: ['read_products'] }));
    expect(second.installation).toMatchObject({
      organization_id: first.installation.organization_id,
      integration_id: first.installation.integration_id,
      created_organization: true,
      scopes: ['read_products'],
    });
    expect(second.api_keys.live).not.toBe(first.api_keys.live);
    for (const old of [first.api_keys.live, first.api_keys.test]) {
      const refused = await failureOf(t.client({ apiKey: old }).listIntegrations());
      expect([refused.status, refused.code]).toEqual([401, 'key_revoked']);
    }
    expect((await t.client({ apiKey: second.api_keys.live }).listIntegrations()).data).toHaveLength(1);
    expect(await auditActions(first.installation.organization_id)).toEqual(['app.installed', 'app.reinstalled']);
  });

  it('links a shop to an existing organization with a one-time link code', async () => {
    const { client: owner, me } = await t.newAccount('Merchant');
    const { code, expires_at } = await owner.createShopifyLinkCode();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(Date.parse(expires_at) - Date.now()).toBeGreaterThan(9 * 60_000);
    const shop = newShop();
    const { installation } = await app.shopifyInstall(installBody(shop, { link_code: code.toLowerCase().replace(/-/g, ' ') }));
    expect(installation).toMatchObject({ organization_id: me.organization.id, created_organization: false });
    expect((await owner.listIntegrations()).data.map((integration) => integration.id)).toEqual([installation.integration_id]);
    // The shop's dashboard user joined as admin.
    const members = await owner.listMembers(me.organization.id);
    expect(members.data.map((member) => [member.email, member.role]).sort()).toEqual(
      [[`${shop}@shopify-app.invalid`, 'admin'], [me.user.email, 'owner']].sort(),
    );
    // Used once.
    const reused = await failureOf(app.shopifyInstall(installBody(newShop(), { link_code: code })));
    expect([reused.status, reused.code, reused.problem.errors?.[0]?.field]).toEqual([422, 'invalid_parameter', 'link_code']);
    const unknown = await failureOf(app.shopifyInstall(installBody(newShop(), { link_code: 'AAAA-BBBB-CCCC-DDDD' })));
    expect(unknown.status).toBe(422);
    // A developer cannot make codes.
    const { client: developer, me: developerMe } = await t.newAccount('Developer');
    await owner.addMember(me.organization.id, { email: developerMe.user.email, role: 'developer' });
    await developer.switchOrganization(me.organization.id);
    expect((await failureOf(developer.createShopifyLinkCode())).code).toBe('forbidden');
  });

  it('stores a new token from a token exchange', async () => {
    const shop = newShop();
    const { installation, api_keys } = await app.shopifyInstall(installBody(shop));
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    const updated = await app.shopifyUpdateToken(shop, { access_token: 'shpua_new-token-abcd1234', refresh_token: 'shprt_refresh-9876', expires_at: expiresAt });
    expect(updated.installation.integration_id).toBe(installation.integration_id);
    const integration = await t.client({ apiKey: api_keys.live }).getIntegration(installation.integration_id);
    expect(integration.credentials).toEqual({ shop, accessToken: '…1234', refreshToken: '…9876', expiresAt });
    const bad = await failureOf(app.shopifyUpdateToken(shop, { access_token: '' }));
    expect([bad.status, bad.code]).toEqual([422, 'invalid_parameter']);
    expect((await failureOf(app.shopifyUpdateToken(newShop(), { access_token: 'x' }))).status).toBe(404);
  });

  it('uninstall pauses the integration, wipes its token, revokes the keys and cancels running runs', async () => {
    const shop = newShop();
    const body = installBody(shop);
    const { installation, api_keys } = await app.shopifyInstall(body);
    const runs = t.hub.db.getRepository(CatalogRunRow);
    const runId = newId('run');
    await runs.insert({
      id: runId,
      organizationId: installation.organization_id,
      keyId: null,
      userId: null,
      integrationId: installation.integration_id,
      operation: 'process',
      params: {},
      preset: null,
      images: 'main',
      publish: false,
      replace: true,
      status: 'running',
      error: null,
      createdAt: new Date(),
      startedAt: new Date(),
      finishedAt: null,
    } as never);

    const { installation: uninstalled } = await app.shopifyUninstall(shop);
    expect(uninstalled.status).toBe('uninstalled');
    const refused = await failureOf(t.client({ apiKey: api_keys.live }).listIntegrations());
    expect([refused.status, refused.code]).toEqual([401, 'key_revoked']);
    expect((await runs.findOneByOrFail({ id: runId })).status).toBe('canceled');
    const integration = await t.hub.db.getRepository(IntegrationRow).findOneByOrFail({ id: installation.integration_id });
    expect(integration.status).toBe('paused');
    expect(integration.credentialsMasked).toEqual({ shop });
    expect(t.hub.services.secrets.openJson(integration.credentialsSealed, `integrations/${installation.organization_id}/${installation.integration_id}/credentials`)).toEqual({ shop });
    // Nothing runs on a paused integration.
    const connect = t.hub.services.integrations.connect(installation.organization_id, installation.integration_id);
    await expect(connect).rejects.toMatchObject({ code: 'conflict' });
    // Idempotent; a token update waits for a new install, which resumes the shop.
    expect((await app.shopifyUninstall(shop)).installation.status).toBe('uninstalled');
    expect((await failureOf(app.shopifyUpdateToken(shop, { access_token: 'shpat_x' }))).code).toBe('conflict');
    const again = await app.shopifyInstall(body);
    expect(again.installation).toMatchObject({ status: 'active', integration_id: installation.integration_id });
    expect((await t.client({ apiKey: again.api_keys.live }).getIntegration(installation.integration_id)).status).toBe('unverified');
    expect(await auditActions(installation.organization_id)).toEqual(['app.installed', 'app.uninstalled', 'app.uninstalled', 'app.reinstalled']);
  });

  it('refuses a missing or wrong secret (401) and bad shops (422)', async () => {
    const shop = newShop();
    await app.shopifyInstall(installBody(shop));
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${SECRET}x`, SECRET, `Basic ${SECRET}`]) {
      const response = await fetch(`${t.url}/api/v1/apps/shopify/installations/${shop}`, {
        headers: authorization ? { Authorization: authorization } : {},
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
      expect(((await response.json()) as { code: string }).code).toBe('invalid_app_credential');
    }
    // An API key is not the app's credential.
    const { key } = await t.newKey();
    const withKey = await failureOf(new HubClient({ baseUrl: t.url, appLinkSecret: key.key }).shopifyInstallation(shop));
    expect(withKey.status).toBe(401);
    for (const bad of ['evil.com', 'SHOP.myshopify.com', 'shop.myshopify.com.evil.com', '-x.myshopify.com', 'a/b.myshopify.com']) {
      const failure = await failureOf(app.shopifyInstall(installBody(bad)));
      expect([bad, failure.status, failure.code]).toEqual([bad, 422, 'invalid_parameter']);
    }
    expect((await failureOf(app.shopifyInstallation('evil.com'))).status).toBe(422);
    expect((await failureOf(app.shopifyInstallation(newShop()))).status).toBe(404);
    const extra = await failureOf(app.shopifyInstall({ ...installBody(newShop()), organization_id: 'org_x' } as never));
    expect(extra.status).toBe(422);
  });

  it('signs the merchant in to the dashboard with a one-time link', async () => {
    const shop = newShop();
    const { installation } = await app.shopifyInstall(installBody(shop));
    const { url, expires_at } = await app.shopifyDashboardLink(shop);
    expect(url).toMatch(new RegExp(`^${t.url}/api/v1/apps/shopify/sign-in\\?token=[\\w-]{43}$`));
    expect(Date.parse(expires_at) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!);
    expect(cookies.map((cookie) => cookie.split('=')[0]).sort()).toEqual(['pixport_csrf', 'pixport_session']);
    const me = (await (await fetch(`${t.url}/api/auth/me`, { headers: { Cookie: cookies.join('; ') } })).json()) as {
      organization: { id: string; role: string };
      user: { email: string };
    };
    expect(me.organization).toMatchObject({ id: installation.organization_id, role: 'owner' });
    expect(me.user.email).toBe(`${shop}@shopify-app.invalid`);
    // Once only; a made-up token fails the same way.
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(401);
    expect((await fetch(`${t.url}/api/v1/apps/shopify/sign-in?token=${'x'.repeat(43)}`, { redirect: 'manual' })).status).toBe(401);
    // The shop user has no password to guess.
    const login = await failureOf(t.client().login({ email: `${shop}@shopify-app.invalid`, password: '!app-link:no-password' }));
    expect(login.code).toBe('invalid_credentials');
    // After uninstall: no links, and the sessions the links made are gone.
    await app.shopifyUninstall(shop);
    expect((await failureOf(app.shopifyDashboardLink(shop))).code).toBe('conflict');
    expect((await fetch(`${t.url}/api/auth/me`, { headers: { Cookie: cookies.join('; ') } })).status).toBe(401);
  });
});

describe('Shopify app link: off and rate limited', () => {
  it('answers 404 on every link route when the hub has no APP_LINK_SECRET', async () => {
    const t = await startTestHub();
    try {
      const app = new HubClient({ baseUrl: t.url, appLinkSecret: SECRET });
      const shop = newShop();
      for (const call of [
        app.shopifyInstall(installBody(shop)),
        app.shopifyInstallation(shop),
        app.shopifyUpdateToken(shop, { access_token: 'x' }),
        app.shopifyUninstall(shop),
        app.shopifyErase(shop),
        app.shopifyDashboardLink(shop),
      ]) {
        const failure = await failureOf(call);
        expect([failure.status, failure.code]).toEqual([404, 'not_found']);
      }
      const { client } = await t.newAccount('No link');
      expect((await failureOf(client.createShopifyLinkCode())).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('limits calls per client IP and per shop (429 with Retry-After)', async () => {
    const t = await startTestHub({ APP_LINK_SECRET: SECRET, APP_LINK_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'true' });
    try {
      const call = (ip: string, shop: string, secret = SECRET) =>
        fetch(`${t.url}/api/v1/apps/shopify/installations/${shop}`, {
          headers: { Authorization: `Bearer ${secret}`, 'X-Forwarded-For': ip },
        });
      const shop = newShop();
      // Per IP: wrong secrets count too.
      expect((await call('203.0.113.1', shop, 'wrong-secret')).status).toBe(401);
      expect((await call('203.0.113.1', shop)).status).toBe(404);
      expect((await call('203.0.113.1', newShop())).status).toBe(404);
      const limited = await call('203.0.113.1', newShop());
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await limited.json()) as { code: string }).code).toBe('rate_limited');
      // Per shop: the same shop from other addresses.
      expect((await call('203.0.113.2', shop)).status).toBe(404);
      expect((await call('203.0.113.3', shop)).status).toBe(404);
      expect((await call('203.0.113.4', shop)).status).toBe(429);
      expect((await call('203.0.113.5', newShop())).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
