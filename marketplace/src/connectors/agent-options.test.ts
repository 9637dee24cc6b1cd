import http from 'node:http';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmazonBridgeConnector } from './amazon-bridge.connector.js';
import { WooCommerceConnector } from './woocommerce.connector.js';
import { ConnectorError } from '../connector-error.js';
import { startAmazonBridgeSandbox } from '../sandboxes/amazon-bridge.sandbox.js';
import { DEFAULT_WOO_KEY, startWooCommerceSandbox } from '../sandboxes/woocommerce.sandbox.js';
import type { RunningSandbox } from '../sandboxes/sandbox-server.js';

/** An agent that counts its connections, or refuses them (as an SSRF guard does). */
class WatchingAgent extends http.Agent {
  connections = 0;
  constructor(private readonly refuse: boolean) {
    super({ keepAlive: false });
  }
  override createConnection(
    options: http.ClientRequestArgs,
    callback?: (error: Error | null, socket: Duplex) => void,
  ) {
    this.connections += 1;
    if (!this.refuse) return super.createConnection(options, callback);
    callback?.(new Error('refused by policy'), undefined as never);
    return undefined as never;
  }
}

const noRetry = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 };

describe('connectors with seller-chosen URLs open connections through the given agents', () => {
  let woo: RunningSandbox<unknown>;
  let bridge: Awaited<ReturnType<typeof startAmazonBridgeSandbox>>;
  beforeAll(async () => {
    woo = await startWooCommerceSandbox({ products: 2 });
    bridge = await startAmazonBridgeSandbox({ products: 2 });
  });
  afterAll(async () => {
    await Promise.all([woo.close(), bridge.close()]);
  });

  const connectors = (agent: WatchingAgent) => [
    new WooCommerceConnector(
      {
        url: woo.url,
        consumerKey: DEFAULT_WOO_KEY.consumerKey,
        consumerSecret: DEFAULT_WOO_KEY.consumerSecret,
      },
      { httpAgent: agent, retry: noRetry },
    ),
    new AmazonBridgeConnector(
      { url: bridge.url, secret: bridge.state.secret, marketplaceId: 'ATVPDKIKX0DER' },
      { httpAgent: agent, retry: noRetry },
    ),
  ];

  it('uses the agent for every call', async () => {
    for (const connector of connectors(new WatchingAgent(false))) {
      const agent = (connector as unknown as { http: { defaults: { httpAgent: WatchingAgent } } }).http
        .defaults.httpAgent;
      await expect(connector.verifyCredentials()).resolves.toMatchObject({ ok: true });
      expect(agent.connections).toBeGreaterThan(0);
    }
  });

  it('fails with a network ConnectorError when the agent refuses the connection', async () => {
    for (const connector of connectors(new WatchingAgent(true))) {
      const error = await connector.verifyCredentials().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).toMatchObject({ code: 'network', retryable: true });
      expect((error as ConnectorError).message).toMatch(/refused by policy/);
    }
  });
});
