// npm run sandbox -w marketplace -- shopify|woocommerce|amazon-bridge [--products N] [--port P] [--restore-rate R]
import { parseArgs } from 'node:util';
import { startShopifySandbox } from './shopify.sandbox.js';
import { SHOPIFY_API_VERSION } from '../connectors/shopify.connector.js';
import { DEFAULT_APPLICATION_PASSWORD, DEFAULT_WOO_KEY, startWooCommerceSandbox } from './woocommerce.sandbox.js';
import { DEFAULT_BRIDGE_SECRET, startAmazonBridgeSandbox } from './amazon-bridge.sandbox.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { products: { type: 'string', default: '250' }, port: { type: 'string', default: '0' }, 'restore-rate': { type: 'string', default: '100' } },
});
const products = Number(values.products);
const port = Number(values.port);

async function main() {
  switch (positionals[0]) {
    case 'shopify': {
      const s = await startShopifySandbox({ products, port, restoreRate: Number(values['restore-rate']) });
      console.log(
        `Shopify sandbox on ${s.url}\n  POST ${s.url}/admin/api/${SHOPIFY_API_VERSION}/graphql.json\n  shop: ${s.state.shop}\n  X-Shopify-Access-Token: ${s.state.accessToken}` +
          `\n  app client id / secret (token exchange at ${s.url}/admin/oauth/access_token): ${s.state.oauth.options.clientId} / ${s.state.oauth.options.clientSecret}`,
      );
      break;
    }
    case 'woocommerce': {
      const s = await startWooCommerceSandbox({ products, port });
      console.log(`WooCommerce sandbox on ${s.url} (plain HTTP: sign with OAuth 1.0a)\n  consumer key: ${DEFAULT_WOO_KEY.consumerKey}\n  consumer secret: ${DEFAULT_WOO_KEY.consumerSecret}\n  application password: ${DEFAULT_APPLICATION_PASSWORD.user} / ${DEFAULT_APPLICATION_PASSWORD.password}`);
      break;
    }
    case 'amazon-bridge': {
      const s = await startAmazonBridgeSandbox({ products, port });
      console.log(`Amazon bridge sandbox on ${s.url}\n  secret: ${DEFAULT_BRIDGE_SECRET}\n  marketplace: ATVPDKIKX0DER`);
      break;
    }
    default:
      console.error('usage: npm run sandbox -w marketplace -- shopify|woocommerce|amazon-bridge [--products N] [--port P] [--restore-rate R]');
      process.exit(2);
  }
  console.log(`${products} products seeded. Ctrl-C to stop.`);
}

void main();
