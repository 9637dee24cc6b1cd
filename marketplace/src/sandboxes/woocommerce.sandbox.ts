// A local, contract-faithful stand-in for the WooCommerce REST API v3 (and the WordPress media route)
// subset the connector uses: key auth (Basic over HTTPS, OAuth 1.0a over HTTP), X-WP-Total paging,
// WP-style error bodies, product images by attachment id, and host-level 429 rate limiting.
import Koa from 'koa';
import Router from '@koa/router';
import { seedCatalog, PLACEHOLDER_PNG } from './catalog-seed.js';
import { listen, readBody, type ListenOptions, type RunningSandbox } from './sandbox-server.js';
import { authenticateWooKey, authenticateWordPressUser, OAuthNonces, WooError, type ApiKey, type ApplicationPassword } from './woocommerce/auth.js';
import { WooStore } from './woocommerce/store.js';

export interface WooCommerceSandboxOptions extends ListenOptions {
  products?: number;
  seed?: number;
  keys?: ApiKey[];
  applicationPasswords?: ApplicationPassword[];
  /** Let WooCommerce keys authenticate /wp/v2 routes too (what the woocommerce_rest_is_request_to_rest_api filter enables). */
  wooKeysOnWpRoutes?: boolean;
  /** Host-level limit in front of WordPress: at most `requests` per `windowMs`, then 429 + Retry-After. */
  rateLimit?: { requests: number; windowMs: number };
  /** The host drops the Authorization header before PHP sees it (CGI/FastCGI setups without the rewrite rule). */
  stripAuthorization?: boolean;
  /** The site uses plain permalinks: /wp-json/… is not routed (WordPress's HTML 404), only /?rest_route=… works. */
  plainPermalinks?: boolean;
  /** HTTPS ends at a proxy in front: WordPress sees plain HTTP (is_ssl() false), so only OAuth 1.0a for http:// works. */
  tlsTerminatedAhead?: boolean;
}

export interface WooCommerceSandboxState {
  store: WooStore;
  keys: ApiKey[];
  applicationPasswords: ApplicationPassword[];
  stats: { requests: number; rateLimited: number; productUpdates: { id: number; images: unknown }[]; restRoute: number; strippedAuthorization: number };
}

export const DEFAULT_WOO_KEY: ApiKey = { consumerKey: 'ck_sandbox0000000000000000000000000000000', consumerSecret: 'cs_sandbox0000000000000000000000000000000', permissions: 'read_write' };
export const DEFAULT_APPLICATION_PASSWORD: ApplicationPassword = { user: 'pixport', password: 'abcd EFGH ijkl MNOP qrst UVWX' };

async function jsonBody(ctx: Koa.Context): Promise<Record<string, unknown>> {
  const raw = (await readBody(ctx.req)).toString('utf8');
  if (!raw) return {};
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    throw new WooError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
  }
}

function positiveInt(value: unknown, fallback: number, name: string, max = Infinity): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new WooError(400, 'rest_invalid_param', max === Infinity ? `Invalid parameter(s): ${name}` : `Invalid parameter(s): ${name} (${name} must be between 1 (inclusive) and ${max} (inclusive))`);
  }
  return n;
}

export async function startWooCommerceSandbox(options: WooCommerceSandboxOptions = {}): Promise<RunningSandbox<WooCommerceSandboxState>> {
  let origin = '';
  const store = new WooStore(() => origin);
  const state: WooCommerceSandboxState = {
    store,
    keys: options.keys ?? [DEFAULT_WOO_KEY],
    applicationPasswords: options.applicationPasswords ?? [DEFAULT_APPLICATION_PASSWORD],
    stats: { requests: 0, rateLimited: 0, productUpdates: [], restRoute: 0, strippedAuthorization: 0 },
  };
  const nonces = new OAuthNonces();
  // What WordPress believes: behind a TLS-terminating proxy the request reaches PHP as plain HTTP.
  const secure = !!options.tls && !options.tlsTerminatedAhead;
  const signedOrigin = () => (options.tlsTerminatedAhead ? origin.replace(/^https:/, 'http:') : origin);
  const hits: number[] = [];
  const wc = new Router({ prefix: '/wp-json/wc/v3' });
  const wp = new Router({ prefix: '/wp-json/wp/v2' });

  wc.use(async (ctx, next) => {
    authenticateWooKey(ctx, state.keys, nonces, signedOrigin(), secure);
    await next();
  });

  wc.get('/products', (ctx) => {
    const perPage = positiveInt(ctx.query.per_page, 10, 'per_page', 100);
    const page = positiveInt(ctx.query.page, 1, 'page');
    let list = [...store.products.values()].sort((a, b) => a.id - b.id);
    if (ctx.query.modified_after) {
      const since = Date.parse(`${String(ctx.query.modified_after).replace(/Z$/, '')}Z`);
      list = list.filter((p) => Date.parse(p.modified) > since);
    }
    if (ctx.query.order === 'desc') list.reverse();
    const totalPages = Math.ceil(list.length / perPage);
    if (page > totalPages && list.length > 0) throw new WooError(400, 'rest_post_invalid_page_number', 'The page number requested is larger than the number of pages available.');
    ctx.set('X-WP-Total', String(list.length));
    ctx.set('X-WP-TotalPages', String(totalPages));
    const link = (n: number) => `<${origin}/wp-json/wc/v3/products?per_page=${perPage}&page=${n}>`;
    ctx.set('Link', [page > 1 ? `${link(page - 1)}; rel="prev"` : '', page < totalPages ? `${link(page + 1)}; rel="next"` : ''].filter(Boolean).join(', '));
    ctx.body = list.slice((page - 1) * perPage, page * perPage).map((p) => store.productJson(p));
  });

  wc.get('/products/:id', (ctx) => {
    ctx.body = store.productJson(store.product(Number(ctx.params.id)));
  });

  const updateProduct = async (ctx: Koa.Context) => {
    const product = store.product(Number(ctx.params.id));
    const body = await jsonBody(ctx);
    if (typeof body.name === 'string') product.name = body.name;
    if (Array.isArray(body.images)) {
      state.stats.productUpdates.push({ id: product.id, images: body.images });
      store.setImages(product, body.images as { id?: number; src?: string; alt?: string }[]);
    }
    store.touch(product);
    ctx.body = store.productJson(product);
  };
  wc.put('/products/:id', updateProduct);
  wc.post('/products/:id', updateProduct);

  wc.get('/products/:id/variations', (ctx) => {
    const product = store.product(Number(ctx.params.id));
    const perPage = positiveInt(ctx.query.per_page, 10, 'per_page', 100);
    const page = positiveInt(ctx.query.page, 1, 'page');
    ctx.set('X-WP-Total', String(product.variations.length));
    ctx.set('X-WP-TotalPages', String(Math.ceil(product.variations.length / perPage)));
    ctx.body = product.variations.slice((page - 1) * perPage, page * perPage).map((v) => store.variationJson(v));
  });

  wc.put('/products/:id/variations/:vid', async (ctx) => {
    const product = store.product(Number(ctx.params.id));
    const variation = product.variations.find((v) => v.id === Number(ctx.params.vid));
    if (!variation) throw new WooError(404, 'woocommerce_rest_product_variation_invalid_id', 'Invalid ID.');
    const body = await jsonBody(ctx);
    const image = body.image as { id?: number } | undefined;
    if (image?.id !== undefined) {
      if (!store.attachments.has(Number(image.id))) throw new WooError(400, 'woocommerce_variation_invalid_image_id', `#${image.id} is an invalid image ID.`);
      variation.imageId = Number(image.id);
    }
    variation.modified = new Date().toISOString();
    ctx.body = store.variationJson(variation);
  });

  wp.use(async (ctx, next) => {
    const viaWooKey = options.wooKeysOnWpRoutes && (() => { try { authenticateWooKey(ctx, state.keys, nonces, signedOrigin(), secure); return true; } catch { return false; } })();
    if (!viaWooKey && !authenticateWordPressUser(ctx, state.applicationPasswords)) {
      throw new WooError(401, 'rest_cannot_create', 'Sorry, you are not allowed to create posts as this user.');
    }
    await next();
  });

  wp.post('/media', async (ctx) => {
    const data = await readBody(ctx.req);
    const filename = /filename="?([^";]+)"?/i.exec(ctx.get('content-disposition'))?.[1];
    if (!data.length || !filename) throw new WooError(400, 'rest_upload_no_data', 'No data supplied.');
    const type = ctx.get('content-type');
    if (!/^image\/(jpeg|png|gif|webp)$/.test(type)) throw new WooError(500, 'rest_upload_sideload_error', 'Sorry, you are not allowed to upload this file type.');
    const attachment = store.addAttachment(filename, '', type, data);
    ctx.status = 201;
    ctx.body = { id: attachment.id, type: 'attachment', media_type: 'image', mime_type: type, source_url: attachment.sourceUrl, alt_text: '' };
  });

  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const woo = error instanceof WooError ? error : new WooError(500, 'internal_server_error', 'There has been a critical error on this website.');
      ctx.status = woo.status;
      ctx.body = { code: woo.code, message: woo.message, data: { status: woo.status } };
    }
  });
  // In front of WordPress: the host's header handling, then WordPress's routing of ?rest_route= and /wp-json.
  app.use(async (ctx, next) => {
    if (options.stripAuthorization && ctx.get('authorization')) {
      state.stats.strippedAuthorization++;
      delete ctx.req.headers.authorization;
    }
    const restRoute = (ctx.path === '/' || ctx.path === '/index.php') && typeof ctx.query.rest_route === 'string' ? ctx.query.rest_route : null;
    if (restRoute) {
      state.stats.restRoute++;
      (ctx.state as { requestPath?: string }).requestPath = ctx.path;
      ctx.path = `/wp-json${restRoute.startsWith('/') ? restRoute : `/${restRoute}`}`;
    } else if (options.plainPermalinks && ctx.path.startsWith('/wp-json')) {
      ctx.status = 404;
      ctx.type = 'text/html';
      ctx.body = '<!doctype html><html><head><title>Page not found</title></head><body class="error404"><h1>Oops! That page can’t be found.</h1></body></html>';
      return;
    }
    await next();
  });
  app.use(async (ctx, next) => {
    state.stats.requests++;
    if (options.rateLimit && ctx.path.startsWith('/wp-json/')) {
      const now = Date.now();
      while (hits.length && hits[0]! <= now - options.rateLimit.windowMs) hits.shift();
      if (hits.length >= options.rateLimit.requests) {
        state.stats.rateLimited++;
        ctx.set('Retry-After', String(Math.max(1, Math.ceil(((hits[0] ?? now) + options.rateLimit.windowMs - now) / 1000))));
        throw new WooError(429, 'too_many_requests', 'Too many requests. Please slow down.');
      }
      hits.push(now);
    }
    await next();
  });
  app.use(async (ctx, next) => {
    const match = /^\/wp-content\/uploads\/\d+\/\d+\/(\d+)-/.exec(ctx.path);
    if (ctx.method !== 'GET' || !match) return next();
    const attachment = store.attachments.get(Number(match[1]));
    if (!attachment) throw new WooError(404, 'rest_no_route', 'Not found.');
    ctx.type = attachment.data ? attachment.mimeType : 'image/png';
    ctx.body = attachment.data ?? PLACEHOLDER_PNG;
  });
  app.use(wc.routes()).use(wc.allowedMethods()).use(wp.routes()).use(wp.allowedMethods());
  app.use(() => {
    throw new WooError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
  });
  const server = await listen(app, options);
  origin = server.url;
  // Seeded after listening, so seeded image URLs are absolute like WordPress's.
  store.seed(seedCatalog({ count: options.products ?? 25, seed: options.seed }));
  return { url: server.url, state, close: server.close };
}
