// The Shopify API library, configured once. With SHOPIFY_API_BASE_URL (the marketplace package's sandbox)
// every request the library makes to https://<shop>.myshopify.com goes to that base URL instead.
import '@shopify/shopify-api/adapters/node';
import { ApiVersion, LogSeverity, shopifyApi, type Shopify } from '@shopify/shopify-api';
import { setAbstractFetchFunc } from '@shopify/shopify-api/runtime';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/** The Admin API version the app and its webhooks are pinned to (shopify.app.toml says the same). */
export const API_VERSION = ApiVersion.October26;

export function createShopify(config: Config, logger: Logger): Shopify {
  const base = config.shopify.apiBaseUrl;
  if (base) {
    // Process-wide (the library keeps one fetch); only *.myshopify.com requests are rewritten.
    setAbstractFetchFunc((input, init) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      if (url.hostname.endsWith('.myshopify.com')) return fetch(`${base}${url.pathname}${url.search}`, init);
      return fetch(input, init);
    });
  }
  return shopifyApi({
    apiKey: config.shopify.apiKey,
    apiSecretKey: config.shopify.apiSecret,
    scopes: config.shopify.scopes,
    hostName: config.shopify.hostName,
    hostScheme: config.shopify.hostScheme,
    apiVersion: API_VERSION,
    isEmbeddedApp: true,
    logger: {
      level: LogSeverity.Warning,
      log: (severity, message) => {
        if (severity <= LogSeverity.Error) logger.error({ shopify: true }, message);
        else logger.warn({ shopify: true }, message);
      },
    },
  });
}
