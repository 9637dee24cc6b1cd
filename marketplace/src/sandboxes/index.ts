// @pixport/marketplace/sandboxes: the marketplaces modelled locally (with the failures they show in
// production) and the tooling tests use against them. Kept out of the production entry point
// (`@pixport/marketplace`), so the hub's runtime never loads a sandbox.
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
} from './shopify.sandbox.js';
export type { ShopifyFaults } from './shopify/views.js';
export { sendWebhook, webhookHmac, type WebhookDelivery, type WebhookResult } from './shopify/webhooks.js';
export { startWooCommerceSandbox, type WooCommerceSandboxOptions, type WooCommerceSandboxState } from './woocommerce.sandbox.js';
export { startAmazonBridgeSandbox, DEFAULT_BRIDGE_SECRET, type AmazonBridgeSandboxOptions, type AmazonBridgeSandboxState } from './amazon-bridge.sandbox.js';
export type { RunningSandbox } from './sandbox-server.js';
export { SHOPIFY_DOCUMENTS } from '../connectors/shopify.queries.js';
export { loadShopifyAdminSchema, validateShopifyDocuments, shopifyAdminSchemaPath, SHOPIFY_ADMIN_SCHEMA_SCRIPT } from '../support/shopify-admin-schema.js';
