// `npm run dev -w plugins/shopify`: the Shopify sandbox, a hub and the app server against each other,
// offline, on this machine. App Bridge's CDN script is swapped for a small local stand-in that hands out
// session tokens signed with the app secret (what Shopify's admin does), so the pages work in a plain
// browser tab. Development only: the stand-in exists in this launcher, never in the server.
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startShopifySandbox } from '@pixport/marketplace/sandboxes';
import { openAppServer } from '../src/app-server.js';
import { loadConfig } from '../src/config.js';
import { APP_BRIDGE_URL } from '../src/routes/document.routes.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../..');
const dataDir = path.resolve(process.env.DEV_DATA_DIR ?? path.join(root, 'data/shopify-dev'));
fs.mkdirSync(dataDir, { recursive: true });

const apiKey = process.env.SHOPIFY_API_KEY ?? 'pixport-dev-client-id';
const apiSecret = process.env.SHOPIFY_API_SECRET ?? 'pixport-dev-client-secret';
const linkSecret = process.env.APP_LINK_SECRET ?? 'dev-app-link-secret-0123456789abcdefghij';
const shop = 'pixport-dev.myshopify.com';
const hubPort = Number(process.env.DEV_HUB_PORT ?? 3000);
const appPort = Number(process.env.PORT ?? 3100);

const sandbox = await startShopifySandbox({ shop, clientId: apiKey, clientSecret: apiSecret, products: Number(process.env.DEV_PRODUCTS ?? 50), port: Number(process.env.DEV_SANDBOX_PORT ?? 3200) });

const hubEnv = {
  ...process.env,
  TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.check.json'),
  NODE_ENV: 'development',
  PORT: String(hubPort),
  HOST: '127.0.0.1',
  DATA_DIR: path.join(dataDir, 'hub'),
  DATABASE_URL: `sqlite:${path.join(dataDir, 'hub.sqlite')}`,
  SHOPIFY_API_BASE_URL: sandbox.url,
  SHOPIFY_APP_CLIENT_ID: apiKey,
  SHOPIFY_APP_CLIENT_SECRET: apiSecret,
  APP_LINK_SECRET: linkSecret,
  WEBHOOKS_ALLOW_PRIVATE: 'true',
};
const hub = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'hub/src/main.ts'), 'all'], { cwd: root, env: hubEnv, stdio: ['ignore', 'ignore', 'inherit'] });
const hubUrl = `http://127.0.0.1:${hubPort}`;
for (let i = 0; ; i++) {
  if (await fetch(`${hubUrl}/healthz`).then((r) => r.ok, () => false)) break;
  if (i > 240 || hub.exitCode !== null) throw new Error('the hub did not start');
  await new Promise((resolve) => setTimeout(resolve, 250));
}

const app = await openAppServer(
  loadConfig({
    ...process.env,
    NODE_ENV: 'development',
    SHOPIFY_API_KEY: apiKey,
    SHOPIFY_API_SECRET: apiSecret,
    SHOPIFY_APP_URL: `http://localhost:${appPort}`,
    SHOPIFY_API_BASE_URL: sandbox.url,
    PIXPORT_HUB_URL: hubUrl,
    APP_LINK_SECRET: linkSecret,
    DATABASE_URL: process.env.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'app.sqlite')}`,
    SECRETS_KEY: process.env.SECRETS_KEY ?? randomBytes(32).toString('base64url'),
  }),
);

/** A session token as App Bridge would hand one out in the admin (HS256, aud = API key, dest = the shop). */
function sessionToken(): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iss: `https://${shop}/admin`, dest: `https://${shop}`, aud: apiKey, sub: '1', exp: now + 60, nbf: now - 5, iat: now, jti: randomBytes(8).toString('hex'), sid: 'dev' })}`;
  return `${body}.${createHmac('sha256', apiSecret).update(body).digest('base64url')}`;
}

const stub = `window.shopify = {
  config: { apiKey: ${JSON.stringify(apiKey)}, shop: ${JSON.stringify(shop)} },
  idToken: function () { return fetch('/dev/session-token').then(function (r) { return r.text(); }); },
  toast: { show: function (message) { console.log('[toast]', message); } },
};`;

// In front of the app's own middleware: the stand-in's two routes, and App Bridge's CDN URL pointed at it.
app.app.middleware.unshift(async (ctx, next) => {
  if (ctx.path === '/dev/app-bridge.js') {
    ctx.type = 'text/javascript';
    ctx.body = stub;
    return;
  }
  if (ctx.path === '/dev/session-token') {
    ctx.type = 'text/plain';
    ctx.body = sessionToken();
    return;
  }
  await next();
  if (typeof ctx.body === 'string' && ctx.response.is('html')) ctx.body = ctx.body.replaceAll(APP_BRIDGE_URL, '/dev/app-bridge.js');
});

const url = await app.listen(appPort, '127.0.0.1');
const host = Buffer.from(`admin.shopify.com/store/${shop.replace('.myshopify.com', '')}`).toString('base64url');
console.log(`
Pixport for Shopify, offline:
  Shopify sandbox  ${sandbox.url}   (shop ${shop}, ${sandbox.state.store.products.size} products)
  hub              ${hubUrl}
  app              ${url}/?shop=${shop}&host=${host}&embedded=1
Open the app URL in a browser. Ctrl-C stops everything (data stays under ${dataDir}).`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    hub.kill('SIGTERM');
    void Promise.all([app.close(), sandbox.close()]).finally(() => process.exit(0));
  });
}
