import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

describe('operations endpoints', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('answers liveness with a request id', async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('keeps a sane inbound request id and replaces a hostile one', async () => {
    const kept = await fetch(`${t.url}/healthz`, { headers: { 'X-Request-Id': 'trace-1234abcd' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-1234abcd');
    const replaced = await fetch(`${t.url}/healthz`, { headers: { 'X-Request-Id': 'bad id <script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('is ready when the database answers and the blob directory is writable', async () => {
    const response = await fetch(`${t.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', checks: { database: 'ok', storage: 'ok' } });
  });

  it('exposes Prometheus metrics by route template and status', async () => {
    await fetch(`${t.url}/healthz`);
    await fetch(`${t.url}/api/v1/keys/key_nothing`, { method: 'DELETE' });
    const text = await (await fetch(`${t.url}/metrics`)).text();
    expect(text).toMatch(/pixport_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(text).toMatch(
      /pixport_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/healthz",status="200"\}/,
    );
    expect(text).toMatch(/route="\/api\/v1\/keys\/:id",status="401"/);
  });

  it('answers unknown routes and methods with problem details', async () => {
    const missing = await fetch(`${t.url}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await missing.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 404, code: 'not_found', type: '/docs/errors#not_found' });
    expect(problem.request_id).toBe(missing.headers.get('x-request-id'));
    const wrongMethod = await fetch(`${t.url}/healthz`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(((await wrongMethod.json()) as { code: string }).code).toBe('method_not_allowed');
    expect(wrongMethod.headers.get('allow')).toBe('HEAD, GET');
  });

  it('answers malformed JSON with invalid_body, never a 500', async () => {
    const response = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"email": ',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('invalid_body');
  });

  it('refuses bodies over the limit with 413', async () => {
    const response = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { code: string }).code).toBe('payload_too_large');
  });
});
