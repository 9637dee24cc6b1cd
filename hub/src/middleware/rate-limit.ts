import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { OrganizationService } from '../services/organization.service.js';
import type { KeyPrincipal, SessionPrincipal } from '../services/principal.js';
import { keyRateLimit, type RateDecision, type RateLimiter } from '../services/rate-limiter.js';


/**
 * The per-key rate limit, run once a key is verified: takes one request from the key's bucket, sets
 * the IETF `RateLimit-Policy` / `RateLimit` fields and `x-ratelimit-limit/remaining/reset` (seconds) on
 * the response, and refuses with 429 `rate_limited` + `Retry-After` and `x-ratelimit-retry-after`.
 */
export function keyRateLimiter(limiter: RateLimiter, organizations: OrganizationService, scale: number) {
  return async (ctx: AppContext, principal: KeyPrincipal): Promise<void> => {
    const organization = await organizations.getRecent(principal.organizationId);
    const decision = await limiter.take(`key:${principal.keyId}`, keyRateLimit(organization.plan, principal.mode, scale));
    const headers = rateLimitHeaders(decision, 'key');
    if (!decision.allowed) {
      throw new AppError('rate_limited', `This key may make ${decision.limit} requests per minute; retry in ${decision.retryAfterSeconds} s.`, {
        headers,
        extra: { limit: decision.limit, retry_after: decision.retryAfterSeconds },
      });
    }
    ctx.set(headers);
  };
}

/**
 * The per-user limit of dashboard sessions (every session route, not only the key routes): one bucket
 * per user across their sessions and the hub's processes, with the same headers under policy "session".
 */
export function sessionRateLimiter(limiter: RateLimiter, perMinute: number) {
  return async (ctx: AppContext, principal: SessionPrincipal): Promise<void> => {
    const decision = await limiter.take(`user:${principal.userId}`, perMinute);
    const headers = rateLimitHeaders(decision, 'session');
    if (!decision.allowed) {
      throw new AppError('rate_limited', `A signed-in user may make ${decision.limit} requests per minute; retry in ${decision.retryAfterSeconds} s.`, {
        headers,
        extra: { limit: decision.limit, retry_after: decision.retryAfterSeconds },
      });
    }
    ctx.set(headers);
  };
}

export function rateLimitHeaders(decision: RateDecision, policy: 'key' | 'session' = 'key'): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Policy': `"${policy}";q=${decision.limit};w=${decision.windowSeconds}`,
    RateLimit: `"${policy}";r=${decision.remaining};t=${decision.resetSeconds}`,
    'X-RateLimit-Limit': String(decision.limit),
    'X-RateLimit-Remaining': String(decision.remaining),
    'X-RateLimit-Reset': String(decision.resetSeconds),
  };
  if (!decision.allowed) {
    headers['Retry-After'] = String(decision.retryAfterSeconds);
    headers['X-RateLimit-Retry-After'] = String(decision.retryAfterSeconds);
  }
  return headers;
}
