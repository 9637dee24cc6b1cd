import { createConnector, type MarketplaceConnector } from '@pixport/marketplace';
import type { IntegrationMarketplace } from '@pixport/shared';
import type { Config } from '../config.js';

/** Builds a connector for stored credentials, with the operator's connector settings. */
export type ConnectorFactory = (marketplace: IntegrationMarketplace, credentials: Record<string, string>) => MarketplaceConnector;

export function connectorFactory(config: Config['marketplace']): ConnectorFactory {
  return (marketplace, credentials) => {
    const options: Record<string, unknown> = { timeoutMs: config.timeoutMs };
    if (marketplace === 'shopify' && config.shopifyBaseUrl) options.baseUrl = config.shopifyBaseUrl;
    return createConnector(marketplace, credentials, options);
  };
}
