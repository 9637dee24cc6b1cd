import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HubClient } from '@pixport/shared';
import { startHubProcess, type HubProcess } from '../test-support/hub-process.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

describe('per-key rate limits across two hub processes', () => {
  let t: TestHub;
  let peer: HubProcess;
  beforeAll(async () => {
    t = await startTestHub({ RATE_LIMIT_SCALE: '1' });
    peer = await startHubProcess({ DATABASE_URL: t.database.url, DATA_DIR: t.hub.config.dataDir, RATE_LIMIT_SCALE: '1' });
  });
  afterAll(async () => {
    await peer.stop();
    await t.close();
  });

  const validate = (client: HubClient) => client.raw({ method: 'post', url: '/api/wordpress-plugin/auth/validate' });

  it('shares a test key’s limit (10 per minute on the free plan) between both processes, then answers 429', async () => {
    const { key } = await t.newKey({ mode: 'test' });
    const here = t.client({ apiKey: key.key });
    const there = new HubClient({ baseUrl: peer.url, apiKey: key.key });
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await validate(i % 2 ? there : here));
    expect(answers.map((answer) => answer.status)).toEqual([...Array(10).fill(200), 429, 429]);

    const first = answers[0]!.headers;
    expect(first['ratelimit-policy']).toBe('"key";q=10;w=60');
    expect(first['ratelimit']).toMatch(/^"key";r=9;t=\d+$/);
    expect(first).toMatchObject({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '9' });
    expect(Number(first['x-ratelimit-reset'])).toBeGreaterThan(0);
    expect(Number(first['x-ratelimit-reset'])).toBeLessThanOrEqual(60);
    expect(answers[9]!.headers['x-ratelimit-remaining']).toBe('0');

    const refused = answers[10]!;
    expect(refused.data).toMatchObject({ code: 'rate_limited', status: 429, limit: 10 });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(6);
    expect(refused.headers['x-ratelimit-retry-after']).toBe(String(retryAfter));
    expect(refused.headers['ratelimit']).toMatch(/^"key";r=0;t=\d+$/);
  });

  it('gives live keys the plan’s own limit and keeps keys apart', async () => {
    const { key } = await t.newKey();
    const answer = await validate(t.client({ apiKey: key.key }));
    expect(answer.headers['ratelimit-policy']).toBe('"key";q=60;w=60');
    const { key: tester } = await t.newKey({ mode: 'test' });
    for (let i = 0; i < 10; i++) await validate(t.client({ apiKey: tester.key }));
    expect((await validate(t.client({ apiKey: tester.key }))).status).toBe(429);
    expect((await validate(t.client({ apiKey: key.key }))).status).toBe(200);
  });

  it('leaves requests without a valid key unmetered, and meters dashboard sessions per user, not per key', async () => {
    const anonymous = await validate(t.client({ apiKey: 'pxp_live_notakey' }));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['ratelimit']).toBeUndefined();
    const { client } = await t.newAccount();
    const listed = await client.raw({ url: '/api/v1/keys' });
    expect(listed.status).toBe(200);
    // Sessions have a limit of their own (see session-rate-limit.test.ts): policy "session", not the key's.
    expect(listed.headers['ratelimit-policy']).toBe('"session";q=600;w=60');
  });
});

describe('rate limits switched off', () => {
  it('answers without limit headers when RATE_LIMITS=false', async () => {
    const t = await startTestHub({ RATE_LIMITS: 'false' });
    try {
      const { key } = await t.newKey({ mode: 'test' });
      const client = t.client({ apiKey: key.key });
      for (let i = 0; i < 12; i++) {
        const answer = await client.raw({ method: 'post', url: '/api/wordpress-plugin/auth/validate' });
        expect(answer.status).toBe(200);
        expect(answer.headers['ratelimit']).toBeUndefined();
      }
    } finally {
      await t.close();
    }
  });
});
