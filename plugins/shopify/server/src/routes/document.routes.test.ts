import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { API_KEY, HOST, SHOP, startAppStack, type AppStack } from '../test-support/app-stack.js';

// Document loads and the session-token guard of the API, without a hub (nothing here needs one).
let stack: AppStack;
beforeAll(async () => {
  stack = await startAppStack({ hub: false });
});
afterAll(() => stack.close());

const now = () => Math.floor(Date.now() / 1000);

describe('document loads', () => {
  it('answers the bounce page without id_token, with CSP frame-ancestors for the shop and the admin', async () => {
    const response = await fetch(`${stack.url}/?shop=${SHOP}&host=${HOST}&embedded=1`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(`frame-ancestors https://${SHOP} https://admin.shopify.com;`);
    const html = await response.text();
    expect(html).toContain(`<meta name="shopify-api-key" content="${API_KEY}">`);
    expect(html).toContain('<script src="https://cdn.shopify.com/shopifycloud/app-bridge.js"></script>');
    expect(html).toContain('shopify.idToken()');
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('serves the pages with a valid id_token (API key meta, App Bridge first, CSP)', async () => {
    const response = await stack.load('/products');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain(`https://${SHOP}`);
    const html = await response.text();
    expect(html).toContain(`content="${API_KEY}"`);
    expect(html).not.toContain('%SHOPIFY_API_KEY%');
    expect(html).not.toContain('shopify.idToken()');
    expect(html.indexOf('app-bridge.js')).toBeLessThan(html.search(/<script(?![^>]*app-bridge)/) === -1 ? Infinity : html.search(/<script(?![^>]*app-bridge)/));
  });

  it('bounces again when the id_token has expired', async () => {
    const expired = await stack.token({ exp: now() - 120 });
    const html = await (await stack.load('/', expired)).text();
    expect(html).toContain('shopify.idToken()');
  });

  it('refuses an id_token of another shop, a bad shop and a host of another shop', async () => {
    const other = await stack.token({}, 'other-shop.myshopify.com');
    const mismatch = await stack.load('/', other);
    expect(mismatch.status).toBe(401);
    expect(((await mismatch.json()) as { code: string }).code).toBe('session_token_invalid');

    const badShop = await fetch(`${stack.url}/?shop=evil.example.com&host=${HOST}`);
    expect(badShop.status).toBe(400);
    expect(((await badShop.json()) as { code: string }).code).toBe('invalid_shop');

    const otherHost = Buffer.from('admin.shopify.com/store/other-shop').toString('base64url');
    const badHost = await fetch(`${stack.url}/?shop=${SHOP}&host=${otherHost}`);
    expect(badHost.status).toBe(400);
    expect(((await badHost.json()) as { code: string }).code).toBe('invalid_host');
  });
});

describe('API session tokens', () => {
  const retry = 'x-shopify-retry-invalid-session-request';

  it('rejects a missing, expired, wrong-audience, wrongly signed and wrong-shop token with 401 + retry header', async () => {
    const cases = {
      missing: 'garbage',
      expired: await stack.token({ exp: now() - 60 }),
      notYet: await stack.token({ nbf: now() + 600 }),
      wrongAud: await stack.token({ aud: 'another-app' }),
      wrongSecret: await stack.token({}, SHOP, 'not-the-app-secret-at-all'),
      badDest: await stack.token({ dest: 'https://evil.example.com' }),
    };
    for (const [name, token] of Object.entries(cases)) {
      const response = await stack.api('GET', '/api/status', undefined, token);
      expect({ name, status: response.status, retry: response.headers.get(retry), code: response.body.code }).toEqual({ name, status: 401, retry: '1', code: 'session_token_invalid' });
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    const noHeader = await fetch(`${stack.url}/api/status`);
    expect(noHeader.status).toBe(401);
    expect(noHeader.headers.get(retry)).toBe('1');

    const otherShopQuery = await stack.api('GET', '/api/status?shop=other-shop.myshopify.com');
    expect(otherShopQuery.status).toBe(401);
  });

  it('accepts a valid token within the clock tolerance and answers the unlinked status', async () => {
    const slightlyEarly = await stack.token({ nbf: now() + 5 });
    const response = await stack.api('GET', '/api/status', undefined, slightlyEarly);
    expect(response.status).toBe(200);
    expect(response.body.shop).toBe(SHOP);
    expect((response.body.hub as { linked: boolean }).linked).toBe(false);
  });

  it('answers 409 not_linked on shop routes before the shop is linked, 404 problem on unknown API routes', async () => {
    const presets = await stack.api('GET', '/api/presets');
    expect(presets.status).toBe(409);
    expect(presets.body.code).toBe('not_linked');
    const unknown = await stack.api('GET', '/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not_found');
    expect(typeof unknown.body.request_id).toBe('string');
  });

  it('validates bodies: malformed JSON is 400, a wrong shape is 422 naming the field', async () => {
    const token = await stack.token();
    const malformed = await fetch(`${stack.url}/api/jobs`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{"preset_id":' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { code: string }).code).toBe('invalid_body');
    const wrong = await stack.api('PUT', '/api/automation', { enabled: true, preset_id: null, mode: 'review' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([{ field: 'preset_id', message: 'choose a preset to turn automation on' }]);
  });
});
