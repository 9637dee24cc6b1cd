import { createConnector, type MarketplaceConnector } from '@pixport/marketplace';
import type { IntegrationMarketplace } from '@pixport/shared';
import type { Config } from '../config.js';
import type { SsrfGuard } from '../lib/ssrf-guard.js';

/** Builds a connector for stored credentials, with the operator's connector settings. */
export type ConnectorFactory = (
  marketplace: IntegrationMarketplace,
  credentials: Record<string, string>,
) => MarketplaceConnector;

/** Marketplaces whose base URL the seller chooses: every connection goes through the SSRF guard. */
export const SELLER_URL_MARKETPLACES: readonly IntegrationMarketplace[] = ['woocommerce', 'amazon-bridge'];

export function connectorFactory(config: Config['marketplace'], ssrf: SsrfGuard): ConnectorFactory {
  return (marketplace, credentials) => {
    const options: Record<string, unknown> = { timeoutMs: config.timeoutMs };
    if (marketplace === 'shopify' && config.shopifyBaseUrl) options.baseUrl = config.shopifyBaseUrl;
    if (SELLER_URL_MARKETPLACES.includes(marketplace))
      Object.assign(options, { httpAgent: ssrf.httpAgent, httpsAgent: ssrf.httpsAgent });
    return createConnector(marketplace, credentials, options);
  };
}
