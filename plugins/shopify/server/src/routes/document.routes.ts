// Document loads of the embedded app (any path the pages route to). Shopify's admin loads the iframe with
// ?shop&host and, once App Bridge has run, &id_token. Without a token: the bounce page (App Bridge fetches
// one and the page reloads with it). With one: verified, the shop linked if needed, then the pages'
// index.html. Every document carries CSP frame-ancestors for the shop and the admin.
import fs from 'node:fs';
import path from 'node:path';
import type { Shopify } from '@shopify/shopify-api';
import type { Middleware } from 'koa';
import type { Config } from '../config.js';
import type { AppState } from '../context.js';
import { AppError } from '../errors.js';
import { isHostFor, isShopDomain } from '../lib/shop-domain.js';
import type { Logger } from '../logger.js';
import { verifySessionToken } from '../middleware/session-token.js';
import type { InstallService } from '../services/install.service.js';

export const APP_BRIDGE_URL = 'https://cdn.shopify.com/shopifycloud/app-bridge.js';

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function bouncePage(apiKey: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pixport</title>
<meta name="shopify-api-key" content="${escapeHtml(apiKey)}">
<script src="${APP_BRIDGE_URL}"></script>
<script>
  // App Bridge hands out a fresh session token; the document loads again with it.
  shopify.idToken().then(function (token) {
    var url = new URL(window.location.href);
    url.searchParams.set('id_token', token);
    window.location.replace(url.toString());
  });
</script>
</head><body></body></html>`;
}

function fallbackIndex(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pixport</title>
<meta name="shopify-api-key" content="%SHOPIFY_API_KEY%">
<script src="${APP_BRIDGE_URL}"></script>
</head><body><p>The app's pages are not built: run <code>npm run build -w plugins/shopify</code>.</p></body></html>`;
}

export function documentHandler(config: Config, shopify: Shopify, install: InstallService, logger: Logger): Middleware<AppState> {
  let template: string | undefined;
  const index = () => {
    if (template === undefined || config.env === 'development') {
      const file = path.join(config.webDir, 'index.html');
      template = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : fallbackIndex();
    }
    return template.replaceAll('%SHOPIFY_API_KEY%', escapeHtml(config.shopify.apiKey));
  };

  return async (ctx) => {
    const shop = ctx.query.shop;
    if (!isShopDomain(shop)) throw new AppError('invalid_shop', 'Open the app from your Shopify admin (the shop parameter is missing or not a *.myshopify.com domain).');
    if (!isHostFor(ctx.query.host, shop)) throw new AppError('invalid_host', 'The host parameter is missing or does not belong to this shop.');
    ctx.set('Content-Security-Policy', `frame-ancestors https://${shop} https://admin.shopify.com;`);
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'text/html; charset=utf-8';

    const idToken = ctx.query.id_token;
    if (typeof idToken !== 'string' || idToken === '') {
      ctx.body = bouncePage(config.shopify.apiKey);
      return;
    }
    let tokenShop: string;
    try {
      tokenShop = await verifySessionToken(shopify, idToken);
    } catch {
      // Expired or bad: App Bridge gets a fresh one.
      ctx.body = bouncePage(config.shopify.apiKey);
      return;
    }
    if (tokenShop !== shop) throw new AppError('session_token_invalid', 'The session token was issued for another shop.');
    try {
      await install.ensureLinked(shop, idToken);
    } catch (error) {
      // The pages load anyway and show what is wrong (the status call answers it with its code).
      logger.warn({ shop, err: error }, 'could not link the shop on this load');
    }
    ctx.body = index();
  };
}

/** The pages' built assets (hashed names, immutable), with the build's brotli / gzip copies when accepted. */
export function assetHandler(config: Pick<Config, 'webDir'>): Middleware<AppState> {
  const types: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
  return async (ctx) => {
    const name = ctx.path.slice('/assets/'.length);
    if (!/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith('.')) throw new AppError('not_found');
    const file = path.join(config.webDir, 'assets', name);
    if (!fs.existsSync(file)) throw new AppError('not_found');
    const accepts = ctx.get('accept-encoding');
    ctx.type = types[path.extname(name)] ?? 'application/octet-stream';
    ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
    ctx.vary('Accept-Encoding');
    for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']] as const) {
      if (accepts.includes(encoding) && fs.existsSync(file + suffix)) {
        ctx.set('Content-Encoding', encoding);
        ctx.body = fs.createReadStream(file + suffix);
        return;
      }
    }
    ctx.body = fs.createReadStream(file);
  };
}
