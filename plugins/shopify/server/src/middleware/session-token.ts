// API requests from the embedded pages carry the App Bridge session token (an ID token): HS256 with the
// app secret, aud = the API key, exp/nbf checked with the library's small clock tolerance, shop from
// `dest`. A missing, bad or expired token answers 401 with the header that makes App Bridge fetch a new
// token and retry the request once.
import type { Shopify } from '@shopify/shopify-api';
import type { Middleware } from 'koa';
import type { AppState } from '../context.js';
import { AppError } from '../errors.js';
import { shopFromDest } from '../lib/shop-domain.js';

export const RETRY_HEADER = 'X-Shopify-Retry-Invalid-Session-Request';

function invalid(detail: string): AppError {
  return new AppError('session_token_invalid', detail, { headers: { [RETRY_HEADER]: '1' } });
}

/** Verifies a session token; answers the shop it names. */
export async function verifySessionToken(shopify: Shopify, token: string): Promise<string> {
  let payload: { dest?: unknown };
  try {
    payload = await shopify.session.decodeSessionToken(token);
  } catch (error) {
    throw invalid(/exp/i.test((error as Error).message) ? 'The session token has expired.' : 'The session token is invalid.');
  }
  const shop = shopFromDest(payload.dest);
  if (!shop) throw invalid('The session token names no valid shop.');
  return shop;
}

export function requireSessionToken(shopify: Shopify): Middleware<AppState> {
  return async (ctx, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
    if (!match) throw invalid('Authorization: Bearer <session token> is required.');
    const shop = await verifySessionToken(shopify, match[1]!);
    // A shop named in the query must be the token's shop (a page of one shop never acts on another).
    const claimed = ctx.query.shop;
    if (claimed !== undefined && claimed !== shop) throw invalid('The session token was issued for another shop.');
    ctx.state.shop = shop;
    ctx.state.sessionToken = match[1]!;
    await next();
  };
}
