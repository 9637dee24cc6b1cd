// Shared set-up of the Shopify connector tests: a sandbox per test, closed afterwards.
import { afterEach } from '@jest/globals';
import { ShopifyConnector, type ShopifyConnectorOptions } from '../connectors/shopify.connector.js';
import { startShopifySandbox, type ShopifySandbox, type ShopifySandboxOptions } from '../sandboxes/shopify.sandbox.js';
import type { MarketplaceProduct } from '../connector.js';

export function useShopifySandboxes() {
  const running: ShopifySandbox[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
  });
  return async function setup(options: ShopifySandboxOptions = {}, connectorOptions: ShopifyConnectorOptions = {}) {
    const sandbox = await startShopifySandbox({ restoreRate: 100_000, bucketSize: 100_000, ...options });
    running.push(sandbox);
    const connector = new ShopifyConnector({ shop: sandbox.state.shop, accessToken: sandbox.state.accessToken }, { baseUrl: sandbox.url, bulkPollIntervalMs: 20, ...connectorOptions });
    return { sandbox, connector };
  };
}

export async function collect(iterable: AsyncIterable<MarketplaceProduct[]>) {
  const all: MarketplaceProduct[] = [];
  for await (const batch of iterable) all.push(...batch);
  return all;
}

/** A valid 1×1 PNG with `tag` in a tEXt-free trailing position, so two uploads differ byte-wise. */
export function png(tag: number): Buffer {
  const base = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  return Buffer.concat([base, Buffer.from([tag & 0xff])]);
}
