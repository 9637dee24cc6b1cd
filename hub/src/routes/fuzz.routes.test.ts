import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { publicRoutes, type RouteSpec } from '@pixport/shared';
import type { z } from 'zod';
import { ContractChecker } from '../test-support/contract.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/**
 * Bad inputs for every documented operation, generated from the route tables the OpenAPI document is
 * built from, plus the cases the outside attack run found: each must answer below 500, and every
 * error as problem+json with a `code`. The credentials are valid (a key with every scope, a signed-in
 * session with its CSRF token), so the inputs reach the parsers and validators, not only the auth check.
 */
const BAD_SEGMENTS = ['%ff', '%2e%2e%2f%2e%2e%2fetc', 'x'.repeat(400), "1' OR '1'='1", '%00', '-1', '[]'];
const BAD_VALUES: unknown[] = ['', 'x'.repeat(20_000), -1, 1e308, 0.5, true, null, [], {}, ['a', 1], { $ne: null }, '%ff', '\u0000'];
const RAW_BODIES: Array<{ type: string; body: string | Uint8Array }> = [
  { type: 'application/json', body: '{' },
  { type: 'application/json', body: '[]' },
  { type: 'application/json', body: 'null' },
  { type: 'application/json', body: '"text"' },
  { type: 'application/json', body: `{"a":${'['.repeat(20_000)}${']'.repeat(20_000)}}` },
  { type: 'application/json', body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) },
  { type: 'application/json; charset=utf-16', body: '{}' },
  { type: 'application/x-www-form-urlencoded', body: 'a[b][c][d][e][f][g]=1&%ff=%ff&' + 'k=v&'.repeat(2000) },
  { type: 'multipart/form-data; boundary=xyz', body: '--xyz\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\n\r\nnot closed' },
  { type: 'multipart/form-data', body: 'no boundary at all' },
  { type: 'text/plain', body: 'just text' },
  { type: 'application/xml', body: '<a/>' },
];

function shapeOf(schema: z.ZodType | undefined): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

const fill = (path: string, value: string) => path.replace(/:(\w+)/g, () => value);

describe('fuzz: generated bad inputs on every documented operation', () => {
  let t: TestHub;
  let key: string;
  let session: Record<string, string>;
  const failures: string[] = [];
  const codes = new Map<string, number>();
  let tried = 0;
  let contract: ContractChecker;

  beforeAll(async () => {
    t = await startTestHub({ WEBHOOKS_ALLOW_PRIVATE: 'false' });
    const { owner, key: created } = await t.newKey();
    key = created.key;
    contract = await ContractChecker.from((await (await fetch(`${t.url}/api/v1/openapi`)).json()) as object);
    session = {
      Cookie: `pixport_session=${owner.cookie('pixport_session')}; pixport_csrf=${owner.csrfToken}`,
      'X-CSRF-Token': owner.csrfToken!,
    };
  });
  afterAll(() => t.close());

  const credentials = (route: RouteSpec): Record<string, string> =>
    route.auth === 'session' ? session : route.auth === 'none' ? {} : { 'X-API-Key': key };

  async function send(route: RouteSpec, path: string, init: { type?: string; body?: string | Uint8Array; headers?: Record<string, string> } = {}) {
    tried++;
    const label = `${route.method.toUpperCase()} ${path.slice(0, 120)} ${init.type ?? ''}`;
    const attempt = () =>
      fetch(`${t.url}${path}`, {
        method: route.method.toUpperCase(),
        headers: { ...credentials(route), ...(init.type ? { 'Content-Type': init.type } : {}), ...init.headers },
        body: init.body,
      });
    let response: Response;
    try {
      // Once more on a network error: a kept-alive socket the server closed as it idled (5 s) races the reuse.
      response = await attempt().catch(attempt);
    } catch (error) {
      failures.push(`${label}: no answer (${(error as Error).message})`);
      return;
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    contract.check({ method: route.method, path: new URL(response.url).pathname, status: response.status, headers: response.headers, body: bytes });
    if (response.status >= 500) failures.push(`${label}: ${response.status} ${text.slice(0, 200)}`);
    else if (response.status >= 400) {
      const problem = response.headers.get('content-type')?.startsWith('application/problem+json') ? (JSON.parse(text) as { code?: unknown }) : undefined;
      if (typeof problem?.code !== 'string') failures.push(`${label}: ${response.status} without problem+json`);
      else codes.set(problem.code, (codes.get(problem.code) ?? 0) + 1);
    }
  }

  // Signing out would end the session the rest of the run uses; its only input is the cookie.
  const routes = publicRoutes.filter((route) => route.path !== '/api/auth/logout');

  it('answers every one below 500, errors as problem+json with a code', async () => {
    for (const route of routes) {
      const base = fill(route.path, 'x_1');
      await send(route, base); // as is: a GET without parameters answers its success
      for (const segment of BAD_SEGMENTS) if (route.path.includes(':')) await send(route, fill(route.path, segment));
      for (const name of shapeOf(route.query)) {
        for (const value of ['%ff', '-1', 'x'.repeat(5000), '1e400', '2026-13-45', '[object Object]']) {
          await send(route, `${base}?${name}=${value}`);
        }
        await send(route, `${base}?${name}=a&${name}=b`);
      }
      if (route.method === 'get' || route.method === 'delete') continue;
      for (const raw of RAW_BODIES) await send(route, base, raw);
      for (const field of shapeOf(route.body)) {
        for (const value of BAD_VALUES) await send(route, base, { type: 'application/json', body: JSON.stringify({ [field]: value }) });
      }
      await send(route, base, { type: 'application/json', body: '{"a":1}', headers: { 'Idempotency-Key': 'x'.repeat(300) } });
      await send(route, base, { type: 'application/json', body: `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`, headers: { 'Idempotency-Key': 'deep' } });
    }
    expect({ tried: tried > 1000, failures }).toEqual({ tried: true, failures: [] });
    // The inputs got past authentication to the parsers and validators.
    for (const code of ['invalid_body', 'invalid_parameter', 'not_found', 'unsupported_media_type']) expect(codes.get(code)).toBeGreaterThan(20);
    expect(codes.get('unauthenticated') ?? 0).toBe(0);
    // Every answer (errors included) as the OpenAPI document says, checked by Prism; every operation tried.
    expect(contract.violations.slice(0, 40)).toEqual([]);
    // (The checker is not vacuous: a list answered without its `data` is a violation.)
    contract.check({ method: 'GET', path: '/api/v1/keys', status: 200, headers: new Headers({ 'content-type': 'application/json' }), body: Buffer.from('{"keys":[]}') });
    contract.check({ method: 'GET', path: '/api/v1/keys', status: 201, headers: new Headers({ 'content-type': 'application/json' }), body: Buffer.from('{}') });
    expect(contract.violations).toHaveLength(2);
    expect(contract.documented().filter((operation) => !contract.seen.has(operation) && !operation.endsWith('/api/auth/logout'))).toEqual([]);
  }, 300_000);
});
