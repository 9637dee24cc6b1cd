// @pixport/marketplace: one connector per marketplace behind one interface (production entry point).
export * from './connector.js';
export * from './connector-error.js';
export * from './registry.js';
export { ShopifyConnector, SHOPIFY_API_VERSION, type ShopifyCredentials, type ShopifyConnectorOptions, type ShopifyTokenRefresh } from './connectors/shopify.connector.js';
export { WooCommerceConnector, type WooCommerceCredentials, type WooCommerceConnectorOptions } from './connectors/woocommerce.connector.js';
export { AmazonBridgeConnector, type AmazonBridgeCredentials, type AmazonBridgeConnectorOptions } from './connectors/amazon-bridge.connector.js';
export * from './connectors/amazon-bridge.contract.js';
export { signedHeaders, verifySignature } from './support/standard-webhooks.js';
export { downloadImage, type DownloadOptions } from './support/download.js';
// Sandboxes and test tooling: `@pixport/marketplace/sandboxes`.
