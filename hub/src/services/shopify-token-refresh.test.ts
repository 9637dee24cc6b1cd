// The hub refreshes the expiring offline tokens the Shopify app link stored, and keeps the rotated ones
// sealed: against the sandbox's token endpoint, whose refresh tokens are spent on use as Shopify's are.
import crypto from 'node:crypto';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HubClient } from '@pixport/shared';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startShopifySandbox, type ShopifySandbox } from '@pixport/marketplace/sandboxes';
import { IntegrationRow } from '../db/entities/integration.entity.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

const SECRET = `app-link-${crypto.randomBytes(24).toString('hex')}`;

/** An ID token as App Bridge hands one out: HS256 with the app secret, aud = client id, dest = the shop. */
function sessionToken(shop: string): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const head = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ iss: `https://${shop}/admin`, dest: `https://${shop}`, aud: SANDBOX_CLIENT_ID, sub: '1', exp: now + 60, nbf: now - 5, iat: now - 5, jti: crypto.randomUUID(), sid: 's' })}`;
  return `${head}.${crypto.createHmac('sha256', SANDBOX_CLIENT_SECRET).update(head).digest('base64url')}`;
}

describe('Shopify token refresh through the app link', () => {
  let sandbox: ShopifySandbox;
  let t: TestHub;
  beforeAll(async () => {
    sandbox = await startShopifySandbox({ products: 3 });
    t = await startTestHub({
      APP_LINK_SECRET: SECRET,
      SHOPIFY_APP_CLIENT_ID: SANDBOX_CLIENT_ID,
      SHOPIFY_APP_CLIENT_SECRET: SANDBOX_CLIENT_SECRET,
      SHOPIFY_API_BASE_URL: sandbox.url,
    });
  });
  afterAll(async () => {
    await t.close();
    await sandbox.close();
  });

  it('refreshes a token about to expire, stores the rotated pair sealed, and uses it from then on', async () => {
    const shop = sandbox.state.shop;
    const { data: token } = await axios.post<{ access_token: string; refresh_token: string }>(`${sandbox.url}/admin/oauth/access_token`, {
      client_id: SANDBOX_CLIENT_ID,
      client_secret: SANDBOX_CLIENT_SECRET,
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: sessionToken(shop),
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      requested_token_type: 'urn:shopify:params:oauth:token-type:offline-access-token',
      expiring: '1',
    });
    const app = new HubClient({ baseUrl: t.url, appLinkSecret: SECRET, clientPlatform: 'shopify' });
    const { installation, api_keys } = await app.shopifyInstall({
      shop,
      access_token: token.access_token,
      refresh_token: token.refresh_token,
      // Inside the connector's 60 s margin: the first call refreshes.
      expires_at: new Date(Date.now() + 20_000).toISOString(),
      scopes: ['read_products', 'write_products'],
    });
    const live = t.client({ apiKey: api_keys.live });
    const sealedBefore = (await t.hub.db.getRepository(IntegrationRow).findOneByOrFail({ id: installation.integration_id })).credentialsSealed;

    await expect(live.verifyIntegration(installation.integration_id)).resolves.toMatchObject({ ok: true });
    expect(sandbox.state.oauth.stats.refreshes).toBe(1);
    const row = await t.hub.db.getRepository(IntegrationRow).findOneByOrFail({ id: installation.integration_id });
    expect(row.credentialsSealed).not.toBe(sealedBefore);
    expect(JSON.stringify(row)).not.toContain('shprt_');
    expect(JSON.stringify(row)).not.toContain(token.access_token);

    // The stored pair is the rotated one: a second call neither refreshes again nor uses the spent token.
    await expect(live.verifyIntegration(installation.integration_id)).resolves.toMatchObject({ ok: true });
    expect(sandbox.state.oauth.stats.refreshes).toBe(1);
    const { data: integrations } = await live.listIntegrations();
    expect(Date.parse(String(integrations[0]!.credentials.expiresAt))).toBeGreaterThan(Date.now() + 60_000);
  });

  it('a refused refresh answers marketplace_auth_failed (the app then exchanges a new token) instead of a 500', async () => {
    const shop = sandbox.state.shop;
    const app = new HubClient({ baseUrl: t.url, appLinkSecret: SECRET, clientPlatform: 'shopify' });
    const { installation, api_keys } = await app.shopifyInstall({
      shop,
      access_token: 'shpat_expired',
      refresh_token: 'shprt_never-issued',
      expires_at: new Date(Date.now() - 1000).toISOString(),
      scopes: ['read_products'],
    });
    const failure = await t.client({ apiKey: api_keys.live }).verifyIntegration(installation.integration_id).catch((error: unknown) => error);
    expect(failure).toMatchObject({ problem: { code: 'marketplace_auth_failed' } });
  });
});
