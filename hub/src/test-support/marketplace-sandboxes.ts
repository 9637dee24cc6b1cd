import {
  startAmazonBridgeSandbox,
  startShopifySandbox,
  startWooCommerceSandbox,
  type AmazonBridgeSandboxOptions,
  type ShopifySandboxOptions,
  type WooCommerceSandboxOptions,
} from '@pixport/marketplace/sandboxes';
import type { CatalogSync, HubClient } from '@pixport/shared';
import type { Env } from '../config.js';
import { sandboxIntegrationBodies } from '../demo/sandbox-integrations.js';
import type { HubOptions } from '../hub.js';
import { startTestHub, type TestHub } from './test-hub.js';

export interface SandboxOptions {
  shopify?: ShopifySandboxOptions;
  woocommerce?: WooCommerceSandboxOptions;
  amazonBridge?: AmazonBridgeSandboxOptions;
  hub?: Partial<Record<keyof Env, string>>;
  /** e.g. `{ runJobs: false }`: an HTTP-only hub, for tests that start a worker themselves. */
  hubOptions?: HubOptions;
}

/**
 * The three marketplace sandboxes on 127.0.0.1 and a test hub whose Shopify calls go to the Shopify
 * sandbox, whose SSRF guard lets seller URLs reach 127.0.0.1 and which has no rate limits (tests poll); `body(marketplace)` is a create-integration body with working credentials for each.
 */
export async function startMarketplaceHub(options: SandboxOptions = {}) {
  const shopify = await startShopifySandbox({
    restoreRate: 100_000,
    bucketSize: 100_000,
    mediaProcessingMs: 5,
    ...options.shopify,
  });
  const woocommerce = await startWooCommerceSandbox(options.woocommerce);
  const amazonBridge = await startAmazonBridgeSandbox(options.amazonBridge);
  const t: TestHub = await startTestHub(
    {
      SHOPIFY_API_BASE_URL: shopify.url,
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      RATE_LIMITS: 'false',
      ...options.hub,
    },
    options.hubOptions,
  );
  const bodies = sandboxIntegrationBodies({ shopify, woocommerce, amazonBridge });
  return {
    t,
    shopify,
    woocommerce,
    amazonBridge,
    body: <M extends keyof typeof bodies>(marketplace: M): (typeof bodies)[M] =>
      structuredClone(bodies[marketplace]),
    async close() {
      await t.close();
      await Promise.all([shopify.close(), woocommerce.close(), amazonBridge.close()]);
    },
  };
}

export type MarketplaceHub = Awaited<ReturnType<typeof startMarketplaceHub>>;

/** Polls an integration's sync until it succeeded or failed. */
export async function waitForSync(
  client: HubClient,
  integrationId: string,
  timeoutMs = 60_000,
): Promise<CatalogSync> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const sync = await client.syncStatus(integrationId);
    if (sync.status === 'succeeded' || sync.status === 'failed') return sync;
    if (Date.now() > deadline) throw new Error(`sync still ${sync.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
