// The whole stack for the app's tests: the marketplace package's Shopify sandbox (token exchange, Admin
// GraphQL, webhooks), a real hub process whose Shopify calls go to that sandbox, and the app server on a
// fresh database, all on 127.0.0.1.
import { startShopifySandbox, type ShopifySandboxOptions } from '@pixport/marketplace/sandboxes';
import { getJwt } from '@shopify/shopify-api/test-helpers';
import { openAppServer, type AppServer } from '../app-server.js';
import { loadConfig } from '../config.js';
import { createAppDatabase } from './test-database.js';
import { startHubProcess } from './hub-process.js';

export const API_KEY = 'pixport-test-client-id';
export const API_SECRET = 'pixport-test-client-secret-0123456789';
export const LINK_SECRET = 'app-link-secret-for-tests-0123456789abcdef';
export const SECRETS_KEY = 'secrets-key-for-the-app-tests-0123456789';
export const SHOP = 'pixport-sandbox.myshopify.com';
export const HOST = Buffer.from(`admin.shopify.com/store/${SHOP.replace('.myshopify.com', '')}`).toString('base64url');

export interface StackOptions {
  sandbox?: ShopifySandboxOptions;
  /** false: no hub (its URL is a port nothing listens on). */
  hub?: boolean;
  hubEnv?: Record<string, string>;
  appEnv?: Record<string, string>;
  /** The worker on its timer, as in production (default: only when a test drains it). */
  runWorker?: boolean;
}

export async function startAppStack(options: StackOptions = {}) {
  const sandbox = await startShopifySandbox({
    shop: SHOP,
    clientId: API_KEY,
    clientSecret: API_SECRET,
    restoreRate: 100_000,
    bucketSize: 100_000,
    mediaProcessingMs: 5,
    products: 6,
    ...options.sandbox,
  });
  const hub =
    options.hub === false
      ? null
      : await startHubProcess({
          SHOPIFY_API_BASE_URL: sandbox.url,
          APP_LINK_SECRET: LINK_SECRET,
          SHOPIFY_APP_CLIENT_ID: API_KEY,
          SHOPIFY_APP_CLIENT_SECRET: API_SECRET,
          WEBHOOKS_ALLOW_PRIVATE: 'true',
          RATE_LIMITS: 'false',
          ...options.hubEnv,
        });
  const database = await createAppDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SHOPIFY_API_KEY: API_KEY,
    SHOPIFY_API_SECRET: API_SECRET,
    SHOPIFY_APP_URL: 'https://pixport-app.example.com',
    SHOPIFY_API_BASE_URL: sandbox.url,
    PIXPORT_HUB_URL: hub?.url ?? 'http://127.0.0.1:9',
    APP_LINK_SECRET: LINK_SECRET,
    DATABASE_URL: database.url,
    SECRETS_KEY,
    WORKER_POLL_MS: '50',
    HUB_TIMEOUT_MS: '20000',
    ...options.appEnv,
  });
  // The worker runs only when a test drains it: each test decides when queued work happens.
  const app: AppServer = await openAppServer(config, { runWorker: options.runWorker ?? false });
  const url = await app.listen(0, '127.0.0.1');

  /** A session token as App Bridge would hand one out (overrides: exp, aud, dest…). */
  const token = async (overrides: Record<string, unknown> = {}, shop = SHOP, secret = API_SECRET) =>
    (await getJwt(shop.replace(/\.myshopify\.com$/, ''), API_KEY, secret, overrides as never)).token;

  const api = async (method: string, path: string, body?: unknown, sessionToken?: string) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${sessionToken ?? (await token())}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, headers: response.headers, body: json as Record<string, unknown> & Record<string, never> };
  };

  /** The first load of the app in the admin: bounce → document with id_token (links the shop). */
  const load = async (path = '/', sessionToken?: string) =>
    fetch(`${url}${path}${path.includes('?') ? '&' : '?'}shop=${SHOP}&host=${HOST}&embedded=1&id_token=${sessionToken ?? (await token())}`);

  return {
    sandbox,
    hub,
    app,
    url,
    token,
    api,
    load,
    async close() {
      await app.close();
      await hub?.stop();
      await sandbox.close();
      await database.drop();
    },
  };
}

export type AppStack = Awaited<ReturnType<typeof startAppStack>>;
