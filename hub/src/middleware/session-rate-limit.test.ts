import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

describe('rate limit of dashboard sessions', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ RATE_LIMIT_SCALE: '1', SESSION_RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => t.close());

  it('limits each signed-in user on every session route, with the RateLimit fields and Retry-After', async () => {
    const { client } = await t.newAccount('Busy');
    const cookie = `pixport_session=${client.cookie('pixport_session')}`;
    const get = (path: string) => fetch(`${t.url}${path}`, { headers: { Cookie: cookie } });
    const first = await get('/api/auth/me');
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('"session";q=5;w=60');
    for (const path of ['/api/v1/keys', '/api/v1/audit', '/api/v1/orgs', '/api/v1/usage']) expect((await get(path)).status).toBe(200);
    const refused = await get('/api/v1/keys');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { code: string }).code).toBe('rate_limited');
    // Another user has a bucket of their own.
    const other = await t.newAccount('Calm');
    expect((await fetch(`${t.url}/api/auth/me`, { headers: { Cookie: `pixport_session=${other.client.cookie('pixport_session')}` } })).status).toBe(200);
  });
});
