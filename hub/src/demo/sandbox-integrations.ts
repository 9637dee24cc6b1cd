import type { startAmazonBridgeSandbox, startShopifySandbox, startWooCommerceSandbox } from '@pixport/marketplace/sandboxes';
import type { CreateIntegrationBody } from '@pixport/shared';

type Started<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

/** A create-integration body with working credentials for each of the three marketplace sandboxes. */
export function sandboxIntegrationBodies(sandboxes: {
  shopify: Started<typeof startShopifySandbox>;
  woocommerce: Started<typeof startWooCommerceSandbox>;
  amazonBridge: Started<typeof startAmazonBridgeSandbox>;
}) {
  const { shopify, woocommerce, amazonBridge } = sandboxes;
  const wooKey = woocommerce.state.keys[0]!;
  return {
    shopify: {
      marketplace: 'shopify',
      name: 'Shopify store',
      credentials: { shop: shopify.state.shop, accessToken: shopify.state.accessToken },
    },
    woocommerce: {
      marketplace: 'woocommerce',
      name: 'Woo store',
      credentials: { url: woocommerce.url, consumerKey: wooKey.consumerKey, consumerSecret: wooKey.consumerSecret },
    },
    'amazon-bridge': {
      marketplace: 'amazon-bridge',
      name: 'Amazon',
      credentials: { url: amazonBridge.url, secret: amazonBridge.state.secret, marketplaceId: 'ATVPDKIKX0DER' },
    },
  } satisfies Record<CreateIntegrationBody['marketplace'], CreateIntegrationBody>;
}
