import { describe, expect, it } from '@jest/globals';
import { ShopifyConnector } from '../connectors/shopify.connector.js';
import { WooCommerceConnector } from '../connectors/woocommerce.connector.js';
import { PLACEHOLDER_PNG } from './catalog-seed.js';
import { startShopifySandbox } from './shopify.sandbox.js';
import { DEFAULT_WOO_KEY, startWooCommerceSandbox } from './woocommerce.sandbox.js';

describe('seeded product images', () => {
  it('have absolute URLs that serve the image, like the real CDN and WordPress uploads', async () => {
    const shopify = await startShopifySandbox({ products: 5 });
    const woo = await startWooCommerceSandbox({ products: 5 });
    try {
      const connectors = [
        {
          url: shopify.url,
          connector: new ShopifyConnector(
            { shop: shopify.state.shop, accessToken: shopify.state.accessToken },
            { baseUrl: shopify.url },
          ),
        },
        { url: woo.url, connector: new WooCommerceConnector({ url: woo.url, ...DEFAULT_WOO_KEY }) },
      ];
      for (const { url, connector } of connectors) {
        const images = (await connector.listProducts(null)).products.flatMap((product) => product.images);
        expect(images.length).toBeGreaterThan(0);
        for (const image of images) expect(image.url.startsWith(`${url}/`)).toBe(true);
        const response = await fetch(images[0]!.url);
        expect(response.status).toBe(200);
        expect(Buffer.from(await response.arrayBuffer())).toEqual(PLACEHOLDER_PNG);
      }
    } finally {
      await Promise.all([shopify.close(), woo.close()]);
    }
  });
});
