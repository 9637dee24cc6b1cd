import { createConnector, type MarketplaceConnector } from '@pixport/marketplace';
import type { IntegrationMarketplace } from '@pixport/shared';
import type { Config } from '../config.js';
import type { SsrfGuard } from '../lib/ssrf-guard.js';

/** What the caller does when a connector changes its own credentials (a refreshed Shopify token). */
export interface CredentialHooks {
  /** Persist the new credentials (sealed); called before the connector uses them. */
  onRefreshed(credentials: Record<string, string>): Promise<void>;
}

/** Builds a connector for stored credentials, with the operator's connector settings. */
export type ConnectorFactory = (
  marketplace: IntegrationMarketplace,
  credentials: Record<string, string>,
  hooks?: CredentialHooks,
) => MarketplaceConnector;

/** Marketplaces whose base URL the seller chooses: every connection goes through the SSRF guard. */
export const SELLER_URL_MARKETPLACES: readonly IntegrationMarketplace[] = ['woocommerce', 'amazon-bridge'];

/**
 * `shopifyApp`: the Shopify app's client credentials (SHOPIFY_APP_CLIENT_ID/SECRET). With them, expiring
 * offline tokens the app link stored are refreshed by the hub, the only party that refreshes (refresh tokens
 * rotate on use, so a second refresher would revoke the first one's tokens).
 */
export function connectorFactory(
  config: Config['marketplace'],
  ssrf: SsrfGuard,
  shopifyApp?: { clientId: string; clientSecret: string },
): ConnectorFactory {
  return (marketplace, credentials, hooks) => {
    const options: Record<string, unknown> = { timeoutMs: config.timeoutMs };
    if (marketplace === 'shopify' && config.shopifyBaseUrl) options.baseUrl = config.shopifyBaseUrl;
    if (marketplace === 'shopify' && shopifyApp && hooks && credentials.refreshToken) {
      options.tokenRefresh = {
        ...shopifyApp,
        onRefreshed: (refreshed: Record<string, string | undefined>) =>
          hooks.onRefreshed(
            Object.fromEntries(
              Object.entries(refreshed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
            ),
          ),
      };
    }
    if (SELLER_URL_MARKETPLACES.includes(marketplace))
      Object.assign(options, { httpAgent: ssrf.httpAgent, httpsAgent: ssrf.httpsAgent });
    return createConnector(marketplace, credentials, options);
  };
}
