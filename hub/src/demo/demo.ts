#!/usr/bin/env node
/**
 * `npm run demo`: everything to look at in one command. The hub (role `all`, SQLite in ./data-demo, wiped at each
 * start) plus the Shopify, WooCommerce and Amazon-bridge sandboxes on 127.0.0.1 with sample catalogs, connected and
 * synced; private webhook targets allowed (a receiver on localhost works); a demo owner with a printed password; a
 * test key and the sample product photo processed with the Amazon preset, so the task queue, usage and the
 * publish dialog have something in them. The sandboxes live in memory: nothing here is a real store.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAmazonBridgeSandbox, startShopifySandbox, startWooCommerceSandbox } from '@pixport/marketplace/sandboxes';
import { HubClient } from '@pixport/shared';
import { ConfigError, loadConfig } from '../config.js';
import { openHub } from '../hub.js';
import { createLogger } from '../logger.js';
import { startBanner } from '../start-banner.js';
import { sandboxIntegrationBodies } from './sandbox-integrations.js';

/** Written into the demo's data directory: only a directory holding it is ever wiped. */
const MARKER = '.pixport-demo';
export const DEMO_OWNER_EMAIL = 'demo@example.com';
const SAMPLE_PHOTO = fileURLToPath(new URL('../../web/src/samples/coffee-cup.jpg', import.meta.url));

/** Empties `dir` for a fresh demo; refuses a non-empty directory the demo did not make. */
export function resetDemoDir(dir: string): void {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    if (!fs.existsSync(path.join(dir, MARKER)))
      throw new ConfigError([`DATA_DIR: ${dir} is not empty and was not made by npm run demo; pick another (the demo wipes it at each start)`]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(dir, MARKER), 'made by npm run demo; wiped at each start\n');
}

async function main(): Promise<void> {
  process.umask(0o077);
  const [shopify, woocommerce, amazonBridge] = await Promise.all([
    startShopifySandbox({ products: 24 }),
    startWooCommerceSandbox({ products: 24 }),
    startAmazonBridgeSandbox({ products: 24 }),
  ]);
  const config = loadConfig(
    { SHOPIFY_API_BASE_URL: shopify.url, WEBHOOKS_ALLOW_PRIVATE: 'true', START_BANNER: 'true' },
    { DATA_DIR: './data-demo', LOG_LEVEL: 'warn' },
  );
  resetDemoDir(config.dataDir);
  const logger = createLogger(config.logLevel);
  const hub = await openHub(config, { logger });
  const url = await hub.listen();
  const local = new URL(url);
  local.hostname = '127.0.0.1';
  const owner = new HubClient({ baseUrl: local.toString().replace(/\/$/, '') });
  const password = crypto.randomBytes(12).toString('base64url');
  await owner.signup({ email: DEMO_OWNER_EMAIL, password, name: 'Demo owner' });

  const bodies = sandboxIntegrationBodies({ shopify, woocommerce, amazonBridge });
  for (const body of Object.values(bodies)) {
    const integration = await owner.createIntegration(body);
    await owner.syncIntegration(integration.id, { full: true });
  }
  const key = await owner.createKey({ name: 'Demo test key', mode: 'test' });
  const keyClient = new HubClient({ baseUrl: local.toString().replace(/\/$/, ''), apiKey: key.key });
  const photo = { data: new Uint8Array(fs.readFileSync(SAMPLE_PHOTO)), filename: 'coffee-cup.jpg' };
  await keyClient.submitTask('process', { image: photo }, { preset: 'amazon' });
  await owner.createPreset({ name: 'Shopify square', operation: 'process', params: { preset: 'shopify' } });

  logger.warn({ url, data_dir: config.dataDir, shopify: shopify.url, woocommerce: woocommerce.url, amazon_bridge: amazonBridge.url }, 'pixport demo started');
  process.stdout.write(
    startBanner(config, {
      url,
      fresh: false,
      extra: [
        `Demo owner: ${DEMO_OWNER_EMAIL}  password: ${password}`,
        `Test key (spends no credits; outputs are small previews): ${key.key}`,
        `Sandboxes (in memory, 24 products each): Shopify ${shopify.url}, WooCommerce ${woocommerce.url}, Amazon bridge ${amazonBridge.url}`,
        'Webhooks may target localhost here (WEBHOOKS_ALLOW_PRIVATE=true). The demo data is wiped at the next npm run demo.',
      ],
    }),
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await hub.close();
    await Promise.all([shopify.close(), woocommerce.close(), amazonBridge.close()]);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    console.error('pixport demo failed to start:', error);
    process.exit(1);
  });
}
