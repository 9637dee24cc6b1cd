import { describe, expect, it } from '@jest/globals';
import { createConnector, getMarketplace, listMarketplaces } from './registry.js';
import { ConnectorError } from './connector-error.js';
import { ShopifyConnector } from './connectors/shopify.connector.js';

describe('registry', () => {
  it('knows every marketplace and marks secret credential fields', () => {
    expect(listMarketplaces().map((m) => m.id)).toEqual(['shopify', 'woocommerce', 'amazon-bridge']);
    expect(getMarketplace('shopify')!.credentialFields.find((f) => f.name === 'accessToken')!.secret).toBe(true);
  });

  it('creates connectors by id and rejects unknown ids or missing credentials', () => {
    expect(createConnector('shopify', { shop: 'a.myshopify.com', accessToken: 't' })).toBeInstanceOf(ShopifyConnector);
    expect(() => createConnector('etsy', {})).toThrow(ConnectorError);
    expect(() => createConnector('woocommerce', { url: 'https://x' })).toThrow(/consumerKey, consumerSecret/);
  });
});
