// WooCommerce REST authentication as WC_REST_Authentication does it: Basic (or query-string keys)
// only over HTTPS; OAuth 1.0a one-legged signatures over plain HTTP; read/write key permissions.
// WordPress core routes (/wp/v2) take Application Passwords instead.
import { timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import { oauthSignature, type OAuthSignatureMethod } from '../../support/oauth1.js';

export interface ApiKey {
  consumerKey: string;
  consumerSecret: string;
  permissions: 'read' | 'write' | 'read_write';
}

export interface ApplicationPassword {
  user: string;
  password: string;
}

export class WooError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function basicCredentials(ctx: Koa.Context): [string, string] | null {
  const header = ctx.get('authorization');
  if (!header.toLowerCase().startsWith('basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

function checkPermission(key: ApiKey, method: string) {
  const write = !['GET', 'HEAD', 'OPTIONS'].includes(method);
  if (write && key.permissions === 'read') throw new WooError(401, 'woocommerce_rest_authentication_error', 'The API key provided does not have write permissions.');
  if (!write && key.permissions === 'write') throw new WooError(401, 'woocommerce_rest_authentication_error', 'The API key provided does not have read permissions.');
}

export class OAuthNonces {
  private readonly seen = new Map<string, number>();

  use(key: string, nonce: string, timestamp: number): boolean {
    const id = `${key}:${nonce}`;
    const now = Date.now() / 1000;
    for (const [k, t] of this.seen) if (t < now - 900) this.seen.delete(k);
    if (this.seen.has(id)) return false;
    this.seen.set(id, timestamp);
    return true;
  }
}

function verifyOAuth(ctx: Koa.Context, keys: ApiKey[], nonces: OAuthNonces, origin: string): ApiKey | null {
  const query = ctx.query as Record<string, string>;
  if (!query.oauth_consumer_key) return null;
  for (const name of ['oauth_consumer_key', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature', 'oauth_signature_method']) {
    if (!query[name]) throw new WooError(401, 'woocommerce_rest_authentication_error', `Missing OAuth parameter ${name}`);
  }
  const key = keys.find((k) => same(k.consumerKey, query.oauth_consumer_key!));
  if (!key) throw new WooError(401, 'woocommerce_rest_authentication_error', 'Consumer key is invalid.');
  const method = query.oauth_signature_method as OAuthSignatureMethod;
  if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256') throw new WooError(401, 'woocommerce_rest_authentication_error', 'Invalid signature - signature method is invalid.');
  // WooCommerce signs the path the client asked for (REQUEST_URI), which is `/` with ?rest_route= on plain permalinks.
  const requestPath = (ctx.state as { requestPath?: string }).requestPath ?? ctx.path;
  const expected = oauthSignature(ctx.method, `${origin}${requestPath}`, query, key.consumerSecret, method);
  if (!same(expected, query.oauth_signature!)) throw new WooError(401, 'woocommerce_rest_authentication_error', 'Invalid signature - provided signature does not match.');
  const timestamp = Number(query.oauth_timestamp);
  if (!Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 900) throw new WooError(401, 'woocommerce_rest_authentication_error', 'Invalid timestamp.');
  if (!nonces.use(key.consumerKey, query.oauth_nonce!, timestamp)) throw new WooError(401, 'woocommerce_rest_authentication_error', 'Invalid nonce - nonce has already been used.');
  return key;
}

/** The API key a /wc/v3 request authenticates as, or a WooError. */
export function authenticateWooKey(ctx: Koa.Context, keys: ApiKey[], nonces: OAuthNonces, origin: string, secure: boolean): ApiKey {
  let key: ApiKey | null = null;
  if (secure) {
    const [ck, cs] = basicCredentials(ctx) ?? [ctx.query.consumer_key as string | undefined, ctx.query.consumer_secret as string | undefined];
    if (ck) {
      key = keys.find((k) => same(k.consumerKey, ck)) ?? null;
      if (!key) throw new WooError(401, 'woocommerce_rest_authentication_error', 'Consumer key is invalid.');
      if (!same(key.consumerSecret, cs ?? '')) throw new WooError(401, 'woocommerce_rest_authentication_error', 'Consumer secret is invalid.');
    }
  } else {
    key = verifyOAuth(ctx, keys, nonces, origin);
  }
  if (!key) throw new WooError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
  checkPermission(key, ctx.method);
  return key;
}

/** Application Password (Basic user:password) for /wp/v2 routes. */
export function authenticateWordPressUser(ctx: Koa.Context, passwords: ApplicationPassword[]): boolean {
  const basic = basicCredentials(ctx);
  if (!basic) return false;
  const normalized = basic[1].replace(/\s+/g, '');
  return passwords.some((p) => p.user === basic[0] && same(p.password.replace(/\s+/g, ''), normalized));
}
