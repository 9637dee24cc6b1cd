import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mintIdToken } from '../../test-support/session-token.js';
import { startTestAppServer, type TestAppServer } from '../../test-support/app-server/server.js';
import { stubAppBridge } from '../../test-support/render.js';
import { ApiClient } from './client.js';
import { AppApiError, describeError, NetworkError } from './errors.js';

describe('ApiClient against the app server', () => {
  let server: TestAppServer;
  beforeAll(async () => {
    server = await startTestAppServer({ tickMs: 0 });
  });
  afterAll(() => server.close());

  it('sends the App Bridge session token as a bearer token', async () => {
    const bridge = stubAppBridge(server);
    const status = await new ApiClient({ baseUrl: server.url }).get<{ shop: string }>('/api/status');
    expect(status.shop).toBe(server.shop);
    expect(server.requests.at(-1)!.authorization).toBe(`Bearer ${bridge.tokens[0]}`);
  });

  it('retries once with a fresh token when the server says the token expired', async () => {
    const bridge = stubAppBridge(server);
    bridge.queue.push(mintIdToken({ ...server, expiresIn: -60 }));
    const before = server.requests.length;
    await new ApiClient({ baseUrl: server.url }).get('/api/status');
    const seen = server.requests.slice(before);
    expect(seen.map((r) => r.status)).toEqual([401, 200]);
    expect(seen[1]!.authorization).toBe(`Bearer ${bridge.tokens[1]}`);
    expect(bridge.tokens[0]).not.toBe(bridge.tokens[1]);
  });

  it('retries only once: a second refusal is reported with the request id', async () => {
    const bridge = stubAppBridge(server);
    const wrongApp = mintIdToken({ ...server, apiKey: 'someone-else' });
    bridge.queue.push(wrongApp, wrongApp, wrongApp);
    const before = server.requests.length;
    const error = await new ApiClient({ baseUrl: server.url }).get('/api/status').catch((e: unknown) => e);
    expect(server.requests.length - before).toBe(2);
    expect(error).toBeInstanceOf(AppApiError);
    const report = describeError(error);
    expect(report).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(report.message).toContain('another app');
    expect(report.requestId).toMatch(/^req_/);
  });

  it('reports the hub request id of an error the hub caused', async () => {
    stubAppBridge(server);
    server.setHubDown(true);
    try {
      const error = await new ApiClient({ baseUrl: server.url }).get('/api/presets').catch((e: unknown) => e);
      expect(describeError(error)).toMatchObject({
        status: 502,
        code: 'hub_unreachable',
        hubRequestId: expect.stringMatching(/^req_hub_/),
      });
    } finally {
      server.setHubDown(false);
    }
  });

  it('reports field errors of a 422', async () => {
    stubAppBridge(server);
    const error = await new ApiClient({ baseUrl: server.url })
      .post('/api/jobs', {
        preset_id: 'nope',
        selection: { product_ids: [] },
        images: 'main',
        auto_publish: false,
      })
      .catch((e: unknown) => e);
    expect(describeError(error)).toMatchObject({
      status: 422,
      code: 'invalid_request',
      fields: [{ field: 'preset_id', message: 'Unknown preset' }],
    });
  });

  it('turns an unreachable server into a readable error', async () => {
    stubAppBridge(server);
    const error = await new ApiClient({ baseUrl: 'http://127.0.0.1:9' })
      .get('/api/status')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(describeError(error).message).toMatch(/Could not reach/);
  });

  it('says so when App Bridge is missing instead of sending no token', async () => {
    delete (globalThis as { shopify?: unknown }).shopify;
    await expect(new ApiClient({ baseUrl: server.url }).get('/api/status')).rejects.toThrow(
      /App Bridge is not loaded/,
    );
  });
});
