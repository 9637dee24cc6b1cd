/**
 * The real app server (plugins/shopify/server) in its own Node process, for the pages' jsdom tests (the
 * server's modules, koa, typeorm and better-sqlite3 do not load in jsdom): app-server's test stack (the
 * marketplace package's Shopify sandbox, a real hub process unless `{"hub": false}`, a fresh database;
 * `appEnv` adds app settings, e.g. WEB_DIR).
 * Prints `{"url", "apiKey", "secret", "shop", "host"}` once listening; closes everything on SIGTERM.
 */
import { API_KEY, API_SECRET, HOST, SHOP, startAppStack } from '../../server/src/test-support/app-stack.js';

const options = JSON.parse(process.argv[2] ?? '{}') as {
  hub?: boolean;
  appEnv?: Record<string, string>;
  runWorker?: boolean;
  products?: number;
};
const stack = await startAppStack({
  hub: options.hub ?? true,
  appEnv: options.appEnv,
  runWorker: options.runWorker,
  sandbox: options.products ? { products: options.products } : undefined,
});
process.stdout.write(
  `${JSON.stringify({ url: stack.url, apiKey: API_KEY, secret: API_SECRET, shop: SHOP, host: HOST })}\n`,
);
process.once('SIGTERM', () => {
  void stack.close().finally(() => process.exit(0));
});
