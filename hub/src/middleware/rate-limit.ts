import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { OrganizationService } from '../services/organization.service.js';
import type { KeyPrincipal } from '../services/principal.js';
import { keyRateLimit, type RateDecision, type RateLimiter } from '../services/rate-limiter.js';

const POLICY = 'key';

/**
 * The per-key rate limit, run once a key is verified: takes one request from the key's bucket, sets
 * the IETF `RateLimit-Policy` / `RateLimit` fields and `x-ratelimit-limit/remaining/reset` (seconds) on
 * the response, and refuses with 429 `rate_limited` + `Retry-After` and `x-ratelimit-retry-after`.
 */
export function keyRateLimiter(limiter: RateLimiter, organizations: OrganizationService, scale: number) {
  return async (ctx: AppContext, principal: KeyPrincipal): Promise<void> => {
    const organization = await organizations.getRecent(principal.organizationId);
    const decision = await limiter.take(`key:${principal.keyId}`, keyRateLimit(organization.plan, principal.mode, scale));
    const headers = rateLimitHeaders(decision);
    if (!decision.allowed) {
      throw new AppError('rate_limited', `This key may make ${decision.limit} requests per minute; retry in ${decision.retryAfterSeconds} s.`, {
        headers,
        extra: { limit: decision.limit, retry_after: decision.retryAfterSeconds },
      });
    }
    ctx.set(headers);
  };
}

export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Policy': `"${POLICY}";q=${decision.limit};w=${decision.windowSeconds}`,
    RateLimit: `"${POLICY}";r=${decision.remaining};t=${decision.resetSeconds}`,
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
