import { PLATFORMS, type Platform } from '@pixport/shared';
import type { AppContext, AppMiddleware } from '../context.js';
import type { KeyActivityTracker } from '../services/key-activity.js';
import { isHeavy, type UsageService } from '../services/usage.service.js';

/** After every key-authenticated request: one usage-log row and the key's last-used facts, both buffered. */
export function usageLog(usage: UsageService, activity: KeyActivityTracker): AppMiddleware {
  return async (ctx, next) => {
    try {
      await next();
    } finally {
      const principal = ctx.state.principal;
      if (principal?.kind === 'key') {
        const platform = platformOf(ctx);
        const ip = ctx.ip || null;
        usage.record({
          organizationId: principal.organizationId,
          keyId: principal.keyId,
          method: ctx.method,
          route: ((ctx as AppContext & { _matchedRoute?: string })._matchedRoute ?? ctx.path).slice(0, 128),
          operation: ctx.state.operation ?? null,
          label: ctx.state.usageLabel?.slice(0, 100) ?? null,
          status: ctx.status,
          durationMs: Math.round(performance.now() - ctx.state.startedAt),
          bytesIn: ctx.request.length ?? 0,
          bytesOut: responseBytes(ctx),
          units: ctx.state.units ?? 1,
          heavy: isHeavy(ctx.state.operation),
          platform,
          ip,
          requestId: ctx.state.requestId,
        });
        activity.note(principal.keyId, {
          at: new Date(),
          ip,
          userAgent: ctx.get('User-Agent') || null,
          platform,
        });
      }
    }
  };
}

/**
 * The response body's size. A JSON body is serialised here and kept as its text — Koa would otherwise
 * serialise it twice, once to measure it and again to send it (`application/json` stays set).
 */
function responseBytes(ctx: AppContext): number {
  const body: unknown = ctx.body;
  if (
    typeof body === 'object' &&
    body !== null &&
    (Array.isArray(body) || Object.getPrototypeOf(body) === Object.prototype)
  ) {
    const text = JSON.stringify(body);
    ctx.body = text;
    return Buffer.byteLength(text);
  }
  return ctx.response.length ?? 0;
}

/** `X-Pixport-Client` when it names a known platform, else a guess from the User-Agent. */
export function platformOf(ctx: AppContext): Platform {
  const declared = ctx.get('X-Pixport-Client').toLowerCase();
  if ((PLATFORMS as readonly string[]).includes(declared)) return declared as Platform;
  const agent = ctx.get('User-Agent');
  if (/wordpress/i.test(agent)) return 'wordpress';
  if (/shopify/i.test(agent)) return 'shopify';
  return 'direct';
}
