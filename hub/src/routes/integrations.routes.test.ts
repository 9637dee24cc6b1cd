import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { HubClient } from '@pixport/shared';
import { failureOf } from '../test-support/failure.js';
import { startMarketplaceHub, type MarketplaceHub } from '../test-support/marketplace-sandboxes.js';
import { startTestHub } from '../test-support/test-hub.js';

describe('marketplace integrations', () => {
  let m: MarketplaceHub;
  beforeAll(async () => {
    m = await startMarketplaceHub();
  });
  afterAll(() => m.close());

  const rawRow = async (id: string) => {
    const rows: Array<Record<string, unknown>> = await m.t.hub.db.query(
      'SELECT * FROM integrations WHERE id = ?',
      [id],
    );
    return rows[0]!;
  };

  it('stores every credential encrypted and answers them only masked', async () => {
    const { client } = await m.t.newAccount('Creds');
    const secrets = {
      shopify: [m.shopify.state.accessToken],
      woocommerce: [
        m.body('woocommerce').credentials.consumerKey,
        m.body('woocommerce').credentials.consumerSecret,
      ],
      'amazon-bridge': [m.amazonBridge.state.secret],
    };
    for (const marketplace of ['shopify', 'woocommerce', 'amazon-bridge'] as const) {
      const created = await client.createIntegration(m.body(marketplace));
      expect(created).toMatchObject({
        marketplace,
        status: 'unverified',
        account: null,
        verified_at: null,
        last_error: null,
      });
      const answers = JSON.stringify([
        created,
        await client.getIntegration(created.id),
        await client.listIntegrations(),
      ]);
      const row = JSON.stringify(await rawRow(created.id));
      for (const secret of secrets[marketplace]) {
        expect(answers).not.toContain(secret);
        expect(row).not.toContain(secret);
        expect(answers).toContain(`…${secret.slice(-4)}`);
      }
      const raw = await rawRow(created.id);
      expect(String(raw.credentials_sealed)).toMatch(/^v1\.[0-9a-f]{8}\./);
      // The sealed value is bound to its row: it does not open as another integration's credentials.
      const box = m.t.hub.services.secrets;
      const context = `integrations/${raw.organization_id}/${created.id}/credentials`;
      expect(JSON.parse(box.open(String(raw.credentials_sealed), context))).toEqual(
        m.body(marketplace).credentials,
      );
      expect(() =>
        box.open(String(raw.credentials_sealed), `integrations/${raw.organization_id}/int_other/credentials`),
      ).toThrow();
    }
    const shop = (await client.listIntegrations()).data.find((row) => row.marketplace === 'shopify')!;
    expect(shop.credentials).toEqual({
      shop: m.shopify.state.shop,
      accessToken: `…${m.shopify.state.accessToken.slice(-4)}`,
    });
    expect((await client.listIntegrations()).data.map((row) => row.marketplace)).toEqual([
      'amazon-bridge',
      'woocommerce',
      'shopify',
    ]);
  });

  it('verifies good credentials on each marketplace and records the account', async () => {
    const { client } = await m.t.newAccount('Verify');
    for (const marketplace of ['shopify', 'woocommerce', 'amazon-bridge'] as const) {
      const created = await client.createIntegration(m.body(marketplace));
      const verified = await client.verifyIntegration(created.id);
      expect(verified).toMatchObject({
        ok: true,
        integration: { id: created.id, status: 'verified', last_error: null },
      });
      expect(verified.account).toBe(
        { shopify: m.shopify.state.shop, woocommerce: m.woocommerce.url, 'amazon-bridge': 'A2SANDBOXSELLER' }[
          marketplace
        ],
      );
      expect((await client.getIntegration(created.id)).verified_at).not.toBeNull();
    }
  });

  it('maps refused credentials to 422 marketplace_auth_failed, marks the integration invalid, and recovers after a PATCH', async () => {
    const { client } = await m.t.newAccount('Bad creds');
    const wrong = {
      shopify: { accessToken: 'shpat_wrong_token_0000000000' },
      woocommerce: { consumerSecret: 'cs_wrong0000000000000000000000000000000000' },
      'amazon-bridge': { secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}` },
    };
    for (const marketplace of ['shopify', 'woocommerce', 'amazon-bridge'] as const) {
      const body = m.body(marketplace);
      const created = await client.createIntegration({
        ...body,
        credentials: { ...body.credentials, ...wrong[marketplace] },
      } as never);
      const error = await failureOf(client.verifyIntegration(created.id));
      expect(error.status).toBe(422);
      expect(error.code).toBe('marketplace_auth_failed');
      expect(error.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(error.problem).toMatchObject({ marketplace, retryable: false });
      const after = await client.getIntegration(created.id);
      expect(after).toMatchObject({
        status: 'invalid',
        last_error: { code: 'marketplace_auth_failed', retryable: false },
      });

      const fixed = await client.updateIntegration(created.id, { credentials: body.credentials });
      expect(fixed).toMatchObject({ status: 'unverified', last_error: null });
      expect((await client.verifyIntegration(created.id)).integration.status).toBe('verified');
    }
    const shopify = (await client.listIntegrations()).data.find((row) => row.marketplace === 'shopify')!;
    expect(shopify.credentials.accessToken).toBe(`…${m.shopify.state.accessToken.slice(-4)}`);
  });

  it('answers 502 marketplace_unavailable when the store cannot be reached, without marking it invalid', async () => {
    const { client } = await m.t.newAccount('Down');
    const body = m.body('woocommerce');
    const created = await client.createIntegration({
      ...body,
      credentials: { ...body.credentials, url: 'http://127.0.0.1:9' },
    });
    const error = await failureOf(client.verifyIntegration(created.id));
    expect(error.status).toBe(502);
    expect(error.code).toBe('marketplace_unavailable');
    expect(await client.getIntegration(created.id)).toMatchObject({
      status: 'unverified',
      last_error: { code: 'marketplace_unavailable' },
    });
  });

  it('renames, merges credential changes, removes optional fields, and validates the result', async () => {
    const { client } = await m.t.newAccount('Patch');
    const body = m.body('woocommerce');
    const created = await client.createIntegration({
      ...body,
      credentials: {
        ...body.credentials,
        wpUsername: 'pixport',
        wpApplicationPassword: 'abcd EFGH ijkl MNOP qrst UVWX',
      },
    });
    expect(created.credentials).toMatchObject({
      url: m.woocommerce.url,
      wpUsername: 'pixport',
      wpApplicationPassword: '…UVWX',
    });
    const renamed = await client.updateIntegration(created.id, { name: 'Main store' });
    expect(renamed).toMatchObject({ name: 'Main store', credentials: created.credentials });
    const removed = await client.updateIntegration(created.id, {
      credentials: { wpUsername: null, wpApplicationPassword: null },
    });
    expect(Object.keys(removed.credentials).sort()).toEqual(['consumerKey', 'consumerSecret', 'url']);

    const half = await failureOf(
      client.updateIntegration(created.id, { credentials: { wpUsername: 'only-one' } }),
    );
    expect(half.problem.errors).toEqual([
      {
        field: 'credentials.wpApplicationPassword',
        message: 'wpUsername and wpApplicationPassword go together',
      },
    ]);
    const unknown = await failureOf(
      client.updateIntegration(created.id, { credentials: { consumer_secret: 'typo' } }),
    );
    expect(unknown.problem.errors![0]!.field).toBe('credentials');
    const required = await failureOf(
      client.updateIntegration(created.id, { credentials: { consumerSecret: null } }),
    );
    expect(required.problem.errors![0]!.field).toBe('credentials.consumerSecret');
    expect((await failureOf(client.updateIntegration(created.id, {} as never))).status).toBe(422);
    expect((await client.getIntegration(created.id)).name).toBe('Main store');
  });

  it('refuses bad input with every bad field named', async () => {
    const { client } = await m.t.newAccount('Bad input');
    const fieldsOf = async (body: unknown) => {
      const error = await failureOf(client.createIntegration(body as never));
      expect(error.status).toBe(422);
      expect(error.code).toBe('invalid_parameter');
      return error.problem.errors!.map((e) => e.field).sort();
    };
    expect(await fieldsOf({ marketplace: 'ebay', name: 'x', credentials: {} })).toEqual(['marketplace']);
    expect(
      await fieldsOf({
        marketplace: 'shopify',
        name: '',
        credentials: { shop: 'evil.example.com', accessToken: 7 },
      }),
    ).toEqual(['credentials.accessToken', 'credentials.shop', 'name']);
    expect(
      await fieldsOf({
        marketplace: 'shopify',
        name: 'x',
        credentials: { shop: 'a.myshopify.com', accessToken: 't', extra: 1 },
      }),
    ).toEqual(['credentials']);
    expect(
      await fieldsOf({
        marketplace: 'woocommerce',
        name: 'x',
        credentials: { url: 'javascript:alert(1)', consumerKey: 'k' },
      }),
    ).toEqual(['credentials.consumerSecret', 'credentials.url']);
    expect(
      await fieldsOf({
        marketplace: 'woocommerce',
        name: 'x',
        credentials: { url: 'https://u:p@shop.example', consumerKey: 'k', consumerSecret: 's' },
      }),
    ).toEqual(['credentials.url']);
    expect(
      await fieldsOf({
        marketplace: 'amazon-bridge',
        name: 'x',
        credentials: { url: 'https://b.example', secret: 'plain', marketplaceId: 'us' },
      }),
    ).toEqual(['credentials.marketplaceId', 'credentials.secret']);
    expect(await fieldsOf({ name: 'x' })).toEqual(['marketplace']);
    const raw = await client.raw({
      method: 'post',
      url: '/api/v1/integrations',
      data: '{"marketplace":',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(raw.status).toBe(400);
    expect((await client.listIntegrations()).data).toEqual([]);
  });

  it('hides another organization’s integrations behind 404 everywhere', async () => {
    const owner = await m.t.newAccount('Owner');
    const other = await m.t.newAccount('Other');
    const created = await owner.client.createIntegration(m.body('shopify'));
    const calls = (client: HubClient) => [
      () => client.getIntegration(created.id),
      () => client.updateIntegration(created.id, { name: 'mine now' }),
      () => client.verifyIntegration(created.id),
      () => client.deleteIntegration(created.id),
    ];
    // One call at a time: a rejection nobody awaits yet would surface as an unhandled rejection.
    for (const call of calls(other.client)) {
      const error = await failureOf(call());
      expect(error.status).toBe(404);
      expect(error.code).toBe('not_found');
    }
    expect((await other.client.listIntegrations()).data).toEqual([]);
    expect((await owner.client.getIntegration(created.id)).name).toBe('Shopify store');
  });

  it('checks scopes for API keys and roles for sessions', async () => {
    const reader = await m.t.newKey({ scopes: ['marketplace:read'] });
    const readerApi = m.t.client({ apiKey: reader.key.key });
    const created = await reader.owner.createIntegration(m.body('amazon-bridge'));
    expect((await readerApi.listIntegrations()).data.map((row) => row.id)).toEqual([created.id]);
    const denied = await failureOf(readerApi.createIntegration(m.body('shopify')));
    expect(denied).toMatchObject({ status: 403, code: 'insufficient_scope' });
    expect(denied.problem.required_scope).toBe('marketplace:publish');
    expect((await failureOf(readerApi.verifyIntegration(created.id))).code).toBe('insufficient_scope');

    const publisher = await m.t.newKey({ scopes: ['marketplace:publish'] });
    const publisherApi = m.t.client({ apiKey: publisher.key.key });
    const made = await publisherApi.createIntegration(m.body('shopify'));
    expect((await publisherApi.verifyIntegration(made.id)).ok).toBe(true);
    expect((await failureOf(publisherApi.listIntegrations())).code).toBe('insufficient_scope');
    const processOnly = await m.t.newKey({ scopes: ['process'] });
    expect((await failureOf(m.t.client({ apiKey: processOnly.key.key }).listIntegrations())).code).toBe(
      'insufficient_scope',
    );

    const viewer = await m.t.newAccount('Viewer');
    await reader.owner.addMember(reader.me.organization.id, { email: viewer.email, role: 'viewer' });
    await viewer.client.switchOrganization(reader.me.organization.id);
    expect((await viewer.client.listIntegrations()).data).toHaveLength(1);
    expect((await failureOf(viewer.client.createIntegration(m.body('shopify')))).code).toBe('forbidden');
    expect((await failureOf(viewer.client.deleteIntegration(created.id))).code).toBe('forbidden');
  });

  it('deletes an integration and records the changes in the audit log', async () => {
    const { client } = await m.t.newAccount('Delete');
    const created = await client.createIntegration(m.body('shopify'));
    await client.updateIntegration(created.id, { name: 'Renamed' });
    await client.deleteIntegration(created.id);
    expect((await failureOf(client.getIntegration(created.id))).status).toBe(404);
    expect((await failureOf(client.deleteIntegration(created.id))).status).toBe(404);
    expect(await rawRow(created.id)).toBeUndefined();
    const audit = await client.audit();
    expect(audit.data.map((event) => event.action).slice(0, 3)).toEqual([
      'integration.deleted',
      'integration.updated',
      'integration.created',
    ]);
    expect(JSON.stringify(audit)).not.toContain(m.shopify.state.accessToken);
  });

  it('refuses seller URLs that reach private addresses, at registration and again at connect time', async () => {
    // A name that resolves to a public address when registered and to the loopback sandbox later (DNS rebinding).
    let rebound = false;
    const resolve = async (hostname: string) => {
      if (hostname === 'store.example')
        return [{ address: rebound ? '127.0.0.1' : '93.184.216.34', family: 4 }];
      if (hostname === 'localhost') return [{ address: '127.0.0.1', family: 4 }];
      throw Object.assign(new Error('no such name'), { code: 'ENOTFOUND' });
    };
    const guarded = await startTestHub({ SHOPIFY_API_BASE_URL: m.shopify.url }, { services: { resolve } });
    try {
      const { client } = await guarded.newAccount('Guarded');
      const woo = m.body('woocommerce');
      for (const url of [
        'http://127.0.0.1:8080',
        'http://localhost/',
        'http://169.254.169.254/latest',
        'http://[::1]/',
        'http://10.1.2.3',
        'http://nowhere.invalid',
      ]) {
        const error = await failureOf(
          client.createIntegration({ ...woo, credentials: { ...woo.credentials, url } }),
        );
        expect(error.status).toBe(422);
        expect(error.problem.errors).toEqual([{ field: 'credentials.url', message: expect.any(String) }]);
      }
      const plainBridge = await failureOf(
        client.createIntegration({
          ...m.body('amazon-bridge'),
          credentials: { ...m.body('amazon-bridge').credentials, url: 'http://store.example' },
        }),
      );
      expect(plainBridge.problem.errors).toEqual([{ field: 'credentials.url', message: 'must use https' }]);

      const port = new URL(m.woocommerce.url).port;
      const created = await client.createIntegration({
        ...woo,
        credentials: { ...woo.credentials, url: `http://store.example:${port}` },
      });
      rebound = true;
      const refused = await failureOf(client.verifyIntegration(created.id));
      expect(refused.code).toBe('marketplace_unavailable');
      expect(refused.problem.detail).toMatch(/loopback/);
      const patched = await failureOf(
        client.updateIntegration(created.id, { credentials: { url: 'http://localhost' } }),
      );
      expect(patched.problem.errors![0]!.field).toBe('credentials.url');
      expect((await client.createIntegration(m.body('shopify'))).marketplace).toBe('shopify');
    } finally {
      await guarded.close();
    }
  });
});
