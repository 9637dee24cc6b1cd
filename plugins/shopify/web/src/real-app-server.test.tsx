import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { mintIdToken } from '../test-support/session-token.js';
import { startRealAppServer, type RealAppServer } from '../test-support/real-app-server.js';
import { renderApp, stubAppBridge } from '../test-support/render.js';
import { ApiClient } from './api/client.js';
import { describeError } from './api/errors.js';

/**
 * The pages against the real app server (plugins/shopify/server, its own process, fresh database, the
 * marketplace package's Shopify sandbox), with no hub behind it: what the merchant sees before the shop is
 * linked or while the hub is down, and the session-token handshake with the server's own verification.
 */
describe('the pages against the real app server (no hub)', () => {
  let server: RealAppServer;
  beforeAll(async () => {
    server = await startRealAppServer({ hub: false });
  }, 120_000);
  afterAll(() => server?.close());

  it('is accepted by the server with a session token minted as App Bridge mints them', async () => {
    const bridge = stubAppBridge(server);
    const status = await new ApiClient({ baseUrl: server.url }).get<{ shop: string }>('/api/status');
    expect(status.shop).toBe(server.shop);
    expect(bridge.tokens).toHaveLength(1);
  });

  it('retries once on the server’s 401 for an expired token, with a fresh token', async () => {
    const bridge = stubAppBridge(server);
    bridge.queue.push(mintIdToken({ ...server, expiresIn: -120 }));
    const status = await new ApiClient({ baseUrl: server.url }).get<{ shop: string }>('/api/status');
    expect(status.shop).toBe(server.shop);
    expect(bridge.tokens).toHaveLength(2);
  });

  it('reports a token for another app as the server words it, with its request id', async () => {
    const bridge = stubAppBridge(server);
    const wrong = mintIdToken({ ...server, apiKey: 'another-app' });
    bridge.queue.push(wrong, wrong);
    const error = await new ApiClient({ baseUrl: server.url }).get('/api/status').catch((e: unknown) => e);
    const report = describeError(error);
    expect(report.status).toBe(401);
    expect(report.code).toBe('session_token_invalid');
    expect(report.requestId).toBeTruthy();
    expect(bridge.tokens).toHaveLength(2);
  });

  it('Home says the shop is not linked instead of showing a blank page', async () => {
    stubAppBridge(server);
    renderApp('/', server.url);
    await screen.findByRole('heading', { level: 1, name: 'Pixport' });
    expect(await screen.findByText('This store is not linked to a Pixport workspace yet')).toBeTruthy();
  });

  it('Products shows the server’s error in a banner with the request id', async () => {
    stubAppBridge(server);
    renderApp('/products', server.url);
    const alert = (await screen.findAllByRole('alert'))[0]!;
    expect(within(alert).getByTestId('request-id').textContent).toBeTruthy();
    expect(alert.textContent).toMatch(/code [a-z_]+/);
  });
});
