// @pixport/marketplace: one connector per marketplace behind one interface, and their sandboxes.
export * from './connector.js';
export * from './connector-error.js';
export { ShopifyConnector, SHOPIFY_API_VERSION, type ShopifyCredentials, type ShopifyConnectorOptions } from './connectors/shopify.connector.js';
export { startShopifySandbox, type ShopifySandboxOptions, type ShopifySandboxState } from './sandboxes/shopify.sandbox.js';
export type { RunningSandbox } from './sandboxes/sandbox-server.js';
