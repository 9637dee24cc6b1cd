import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

describe('WordPress-plugin routes (seed contract)', () => {
  let t: TestHub;
  beforeAll(async () => {
    // The plan's own numbers, as the plugin shows them.
    t = await startTestHub({ RATE_LIMIT_SCALE: '1' });
  });
  afterAll(() => t.close());

  const post = (path: string, body: FormData | URLSearchParams, headers: Record<string, string> = {}) =>
    fetch(`${t.url}/api/wordpress-plugin${path}`, { method: 'POST', body, headers });

  it('validates a key sent as a multipart form field', async () => {
    const { key, me } = await t.newKey({ scopes: ['process', 'usage:report'] });
    const form = new FormData();
    form.append('api_key', key.key);
    const response = await post('/auth/validate', form);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      valid: true,
      key: { prefix: key.prefix, masked: key.masked, mode: 'live', scopes: ['process', 'usage:report'] },
      organization: { id: me.organization.id, name: me.organization.name },
      plan: { name: 'free', credits_remaining: 100, rate_limit_per_minute: 60 },
    });
  });

  it('validates a key sent urlencoded, and shows the test-mode limit for test keys', async () => {
    const { key } = await t.newKey({ mode: 'test' });
    const response = await post('/auth/validate', new URLSearchParams({ api_key: key.key }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      key: { mode: string };
      plan: { rate_limit_per_minute: number };
    };
    expect(body.key.mode).toBe('test');
    expect(body.plan.rate_limit_per_minute).toBe(10);
  });

  it('answers a bad key with 401 problem+json carrying valid: false and the code', async () => {
    const { owner, key } = await t.newKey();
    await owner.updateKey(key.id, { active: false });
    for (const [apiKey, code] of [
      ['pxp_live_garbage', 'invalid_api_key'],
      [key.key, 'key_revoked'],
    ] as const) {
      const response = await post('/auth/validate', new URLSearchParams({ api_key: apiKey }));
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ valid: false, code, status: 401 });
    }
    const none = await post('/auth/validate', new URLSearchParams({}));
    expect(await none.json()).toMatchObject({ valid: false, code: 'missing_api_key' });
  });

  it('records usage reports with tool and count and returns the updated counters', async () => {
    const { key } = await t.newKey();
    const plugin = t.client({ apiKey: key.key, clientPlatform: 'wordpress' });
    const first = await plugin.reportUsage({
      tool: 'rm-bg',
      count: 3,
      site_url: 'https://shop.example.test',
    });
    expect(first).toEqual({
      recorded: true,
      tool: 'remove-background',
      count: 3,
      counters: { key_requests: 1, tool_reported: 3, total_reported: 3 },
    });
    const second = await plugin.reportUsage({ tool: 'ocr' });
    expect(second.counters).toEqual({ key_requests: 2, tool_reported: 1, total_reported: 4 });
    const form = new FormData();
    form.append('api_key', key.key);
    form.append('tool', 'gif-maker');
    form.append('count', '2');
    const multipart = await post('/usage/report', form);
    expect(multipart.status).toBe(200);
    expect(((await multipart.json()) as { counters: unknown }).counters).toEqual({
      key_requests: 3,
      tool_reported: 2,
      total_reported: 6,
    });
  });

  it('validates the report’s fields', async () => {
    const { key } = await t.newKey();
    const bad = await post(
      '/usage/report',
      new URLSearchParams({ api_key: key.key, tool: 'teleport', count: '0' }),
    );
    expect(bad.status).toBe(422);
    const problem = (await bad.json()) as { code: string; errors: Array<{ field: string }> };
    expect(problem.code).toBe('invalid_parameter');
    expect(problem.errors.map((error) => error.field).sort()).toEqual(['count', 'tool']);
    const tooMany = await post(
      '/usage/report',
      new URLSearchParams({ api_key: key.key, tool: 'ocr', count: '1001' }),
    );
    expect(tooMany.status).toBe(422);
    const badUrl = await post(
      '/usage/report',
      new URLSearchParams({ api_key: key.key, tool: 'ocr', site_url: 'not a url' }),
    );
    expect(badUrl.status).toBe(422);
  });

  it('needs the usage:report scope for reports', async () => {
    const { key } = await t.newKey({ scopes: ['process'] });
    const response = await post('/usage/report', new URLSearchParams({ api_key: key.key, tool: 'ocr' }));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      code: 'insufficient_scope',
      required_scope: 'usage:report',
    });
  });
});
