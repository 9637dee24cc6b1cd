import { describe, expect, it } from '@jest/globals';
import * as production from './index.js';
import * as sandboxes from './sandboxes/index.js';

describe('entry points', () => {
  it('the production entry point ships connectors only; sandboxes and test tooling come from /sandboxes', () => {
    const names = Object.keys(production);
    expect(names).toEqual(expect.arrayContaining(['ShopifyConnector', 'WooCommerceConnector', 'AmazonBridgeConnector', 'createConnector']));
    expect(names.filter((name) => /sandbox|webhookHmac|sendWebhook|SHOPIFY_DOCUMENTS|AdminSchema/i.test(name))).toEqual([]);
    expect(Object.keys(sandboxes)).toEqual(
      expect.arrayContaining(['startShopifySandbox', 'startWooCommerceSandbox', 'startAmazonBridgeSandbox', 'sendWebhook', 'SHOPIFY_DOCUMENTS', 'loadShopifyAdminSchema']),
    );
  });
});
