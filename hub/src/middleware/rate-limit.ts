import type { AppMiddleware } from '../context.js';
import { AppError } from '../errors.js';
import type { OrganizationService } from '../services/organization.service.js';
import { keyRateLimit, type RateDecision, type RateLimiter } from '../services/rate-limiter.js';

/**
 * The rate limit, a middleware of the authenticated chain (`app.ts`): it runs once the route's
 * authenticator has set the principal, before the route's scope is checked, so a refused scope is
 * metered too. An API key takes one request from its key's bucket (its plan's and mode's limit); a
 * dashboard session from its user's bucket across their sessions and the hub's processes (policy
 * "session", every session route). Sets the IETF `RateLimit-Policy` / `RateLimit` fields and
 * `x-ratelimit-limit/remaining/reset` (seconds) on the response, and refuses with 429 `rate_limited`
 * + `Retry-After` and `x-ratelimit-retry-after`.
 */
export function rateLimit(
  limiter: RateLimiter,
  organizations: Pick<OrganizationService, 'planOf'>,
  limits: { scale: number; sessionPerMinute: number },
): AppMiddleware {
  const sessionPerMinute = Math.max(1, Math.round(limits.sessionPerMinute * limits.scale));
  return async (ctx, next) => {
    const principal = ctx.state.principal;
    if (!principal) return next();
    let decision: RateDecision;
    if (principal.kind === 'key') {
      const plan = await organizations.planOf(principal.organizationId);
      decision = await limiter.take(`key:${principal.keyId}`, keyRateLimit(plan, principal.mode, limits.scale));
    } else {
      decision = await limiter.take(`user:${principal.userId}`, sessionPerMinute);
    }
    const policy = principal.kind === 'key' ? 'key' : 'session';
    const headers = rateLimitHeaders(decision, policy);
    if (!decision.allowed) {
      const who = principal.kind === 'key' ? 'This key' : 'A signed-in user';
      throw new AppError('rate_limited', `${who} may make ${decision.limit} requests per minute; retry in ${decision.retryAfterSeconds} s.`, {
        headers,
        extra: { limit: decision.limit, retry_after: decision.retryAfterSeconds },
      });
    }
    ctx.set(headers);
    return next();
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
