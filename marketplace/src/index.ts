// @pixport/marketplace: one connector per marketplace behind one interface, and their sandboxes.
export * from './connector.js';
export * from './connector-error.js';
export * from './registry.js';
export { ShopifyConnector, SHOPIFY_API_VERSION, type ShopifyCredentials, type ShopifyConnectorOptions, type ShopifyTokenRefresh } from './connectors/shopify.connector.js';
export { WooCommerceConnector, type WooCommerceCredentials, type WooCommerceConnectorOptions } from './connectors/woocommerce.connector.js';
export { AmazonBridgeConnector, type AmazonBridgeCredentials, type AmazonBridgeConnectorOptions } from './connectors/amazon-bridge.connector.js';
export * from './connectors/amazon-bridge.contract.js';
export { signedHeaders, verifySignature } from './support/standard-webhooks.js';
export { downloadImage, type DownloadOptions } from './support/download.js';
export {
  startShopifySandbox,
  servedApiVersion,
  SHOPIFY_SANDBOX_API_VERSIONS,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_SCOPES,
  type ShopifySandbox,
  type ShopifySandboxOptions,
  type ShopifySandboxState,
} from './sandboxes/shopify.sandbox.js';
export type { ShopifyFaults } from './sandboxes/shopify/views.js';
export { sendWebhook, webhookHmac, type WebhookDelivery, type WebhookResult } from './sandboxes/shopify/webhooks.js';
export { SHOPIFY_DOCUMENTS } from './connectors/shopify.queries.js';
export { startWooCommerceSandbox, type WooCommerceSandboxOptions, type WooCommerceSandboxState } from './sandboxes/woocommerce.sandbox.js';
export { startAmazonBridgeSandbox, type AmazonBridgeSandboxOptions, type AmazonBridgeSandboxState } from './sandboxes/amazon-bridge.sandbox.js';
export type { RunningSandbox } from './sandboxes/sandbox-server.js';
export { loadShopifyAdminSchema, validateShopifyDocuments, shopifyAdminSchemaPath, SHOPIFY_ADMIN_SCHEMA_SCRIPT } from './support/shopify-admin-schema.js';
