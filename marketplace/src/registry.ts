// Connectors by marketplace id, with the credential fields each one needs.
import type { MarketplaceConnector, MarketplaceId } from './connector.js';
import { ConnectorError } from './connector-error.js';
import { ShopifyConnector, type ShopifyConnectorOptions } from './connectors/shopify.connector.js';
import { WooCommerceConnector, type WooCommerceConnectorOptions } from './connectors/woocommerce.connector.js';
import { AmazonBridgeConnector, type AmazonBridgeConnectorOptions } from './connectors/amazon-bridge.connector.js';

export interface MarketplaceDefinition {
  id: MarketplaceId;
  name: string;
  /** Credential fields; `secret` ones must be stored encrypted and never shown again. */
  credentialFields: { name: string; required: boolean; secret: boolean }[];
  create(credentials: Record<string, string>, options?: Record<string, unknown>): MarketplaceConnector;
}

const field = (name: string, secret = false, required = true) => ({ name, secret, required });

function requireFields(id: MarketplaceId, definition: Pick<MarketplaceDefinition, 'credentialFields'>, credentials: Record<string, string>) {
  const missing = definition.credentialFields.filter((f) => f.required && !credentials[f.name]).map((f) => f.name);
  if (missing.length) throw new ConnectorError({ marketplace: id, code: 'invalid_request', message: `${id}: missing credentials: ${missing.join(', ')}` });
}

const definitions: MarketplaceDefinition[] = [
  {
    id: 'shopify',
    name: 'Shopify',
    // refreshToken / expiresAt are set by the Shopify app link (expiring offline tokens), not typed by a seller.
    credentialFields: [
      field('shop'),
      field('accessToken', true),
      field('refreshToken', true, false),
      field('expiresAt', false, false),
      field('refreshTokenExpiresAt', false, false),
    ],
    create(credentials, options) {
      requireFields('shopify', this, credentials);
      const { shop, accessToken, refreshToken, expiresAt, refreshTokenExpiresAt } = credentials;
      return new ShopifyConnector({ shop: shop!, accessToken: accessToken!, refreshToken, expiresAt, refreshTokenExpiresAt }, options as ShopifyConnectorOptions);
    },
  },
  {
    id: 'woocommerce',
    name: 'WooCommerce',
    credentialFields: [field('url'), field('consumerKey'), field('consumerSecret', true), field('wpUsername', false, false), field('wpApplicationPassword', true, false)],
    create(credentials, options) {
      requireFields('woocommerce', this, credentials);
      const { url, consumerKey, consumerSecret, wpUsername, wpApplicationPassword } = credentials;
      return new WooCommerceConnector({ url: url!, consumerKey: consumerKey!, consumerSecret: consumerSecret!, wpUsername, wpApplicationPassword }, options as WooCommerceConnectorOptions);
    },
  },
  {
    id: 'amazon-bridge',
    name: 'Amazon (seller bridge)',
    credentialFields: [field('url'), field('secret', true), field('marketplaceId')],
    create(credentials, options) {
      requireFields('amazon-bridge', this, credentials);
      return new AmazonBridgeConnector({ url: credentials.url!, secret: credentials.secret!, marketplaceId: credentials.marketplaceId! }, options as AmazonBridgeConnectorOptions);
    },
  },
];

const registry = new Map(definitions.map((d) => [d.id, d]));

export function listMarketplaces(): MarketplaceDefinition[] {
  return [...registry.values()];
}

export function getMarketplace(id: string): MarketplaceDefinition | undefined {
  return registry.get(id as MarketplaceId);
}

export function createConnector(id: string, credentials: Record<string, string>, options?: Record<string, unknown>): MarketplaceConnector {
  const definition = getMarketplace(id);
  if (!definition) throw new ConnectorError({ marketplace: id as MarketplaceId, code: 'invalid_request', message: `unknown marketplace ${id}` });
  return definition.create(credentials, options);
}
