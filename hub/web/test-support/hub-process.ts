/**
 * A real test hub in its own Node process (run with tsx), for tests whose own environment is jsdom.
 * Prints `{"url": …}` once listening (with `marketplaces`: the three marketplace sandboxes too, and a working
 * create-integration body for each); closes the hub and its database on SIGTERM.
 */
import { startMarketplaceHub } from '../../src/test-support/marketplace-sandboxes.js';
import { startTestHub } from '../../src/test-support/test-hub.js';

const overrides = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
const withMarketplaces = process.argv[3] === 'marketplaces';
const sandboxes = withMarketplaces ? await startMarketplaceHub({ hub: overrides }) : undefined;
const hub = sandboxes?.t ?? (await startTestHub(overrides));
const integrations = sandboxes
  ? {
      shopify: sandboxes.body('shopify'),
      woocommerce: sandboxes.body('woocommerce'),
      'amazon-bridge': sandboxes.body('amazon-bridge'),
    }
  : undefined;
process.stdout.write(`${JSON.stringify({ url: hub.url, integrations })}\n`);
process.once('SIGTERM', () => {
  void (sandboxes ?? hub).close().finally(() => process.exit(0));
});
