import crypto from 'node:crypto';
import { SHOP_DOMAIN_PATTERN } from '@pixport/shared';
import type { AppContext, AppMiddleware } from '../context.js';
import { AppError } from '../errors.js';
import type { ThrottleService } from '../services/throttle.service.js';

const WINDOW_MS = 60_000;

export interface AppLinkGuardOptions {
  /** APP_LINK_SECRET; unset turns the link off (404). */
  secret: string | undefined;
  /** Calls per minute per client IP, and per shop. */
  perMinute: number;
}

/**
 * The app link's guard (docs/hub-app-link.md): off (404 `not_found`) without a configured secret;
 * then counted per client IP (every call, wrong secrets too); then `Authorization: Bearer <secret>`,
 * compared as SHA-256 digests in constant time (no length or prefix leaks); then counted per shop.
 */
export function appLinkGuard(throttle: ThrottleService, options: AppLinkGuardOptions): AppMiddleware {
  const expected = options.secret ? digest(options.secret) : undefined;
  return async (ctx, next) => {
    if (!expected) throw new AppError('not_found', 'The Shopify app link is not enabled on this hub (APP_LINK_SECRET).');
    await count(throttle, `app-link:ip:${ctx.ip}`, options.perMinute);
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('Authorization'))?.[1];
    if (!presented || !crypto.timingSafeEqual(digest(presented), expected)) {
      ctx.state.log.warn({ ip: ctx.ip, path: ctx.path }, 'app link call with a missing or wrong secret');
      throw new AppError('invalid_app_credential', 'Send the app link secret as Authorization: Bearer <APP_LINK_SECRET>.');
    }
    const shop = shopOf(ctx);
    if (shop) await count(throttle, `app-link:shop:${shop}`, options.perMinute);
    return next();
  };
}

/** 404 while the link is off (routes the dashboard calls with a session). */
export function appLinkEnabled(secret: string | undefined): AppMiddleware {
  return (_ctx, next) => {
    if (!secret) throw new AppError('not_found', 'The Shopify app link is not enabled on this hub (APP_LINK_SECRET).');
    return next();
  };
}

/** Counts a call in a one-minute window; 429 with Retry-After past `limit`. */
export async function count(throttle: ThrottleService, bucket: string, limit: number): Promise<void> {
  const { count: calls, resetAt } = await throttle.hit(bucket, WINDOW_MS);
  if (calls <= limit) return;
  const seconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
  throw new AppError('rate_limited', `Too many app link calls; retry in ${seconds} s.`, {
    headers: { 'Retry-After': String(seconds) },
    extra: { retry_after: seconds },
  });
}

const digest = (value: string) => crypto.createHash('sha256').update(value).digest();

/** The shop a call is about (path or body), when it looks like one; validation answers the rest. */
function shopOf(ctx: AppContext): string | undefined {
  const fromPath = (ctx as AppContext & { params?: Record<string, string> }).params?.shop;
  const fromBody = (ctx.request.body as Record<string, unknown> | undefined)?.shop;
  const shop = fromPath ?? (typeof fromBody === 'string' ? fromBody : undefined);
  return shop && SHOP_DOMAIN_PATTERN.test(shop) ? shop : undefined;
}
