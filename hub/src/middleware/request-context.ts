import type { AppMiddleware } from '../context.js';
import type { Logger } from '../logger.js';
import { pooledRandomBytes } from '../lib/ids.js';

const INBOUND_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** Gives every request an id (kept from `X-Request-Id` when sane), a child logger and an access log line. */
export function requestContext(logger: Logger): AppMiddleware {
  return async (ctx, next) => {
    const inbound = ctx.get('X-Request-Id');
    const requestId = INBOUND_ID.test(inbound) ? inbound : `req_${pooledRandomBytes(12).toString('base64url')}`;
    ctx.state.requestId = requestId;
    ctx.state.startedAt = performance.now();
    // The child logger is made on first use: most requests only write the access line.
    let log: Logger | undefined;
    Object.defineProperty(ctx.state, 'log', {
      get: () => (log ??= logger.child({ request_id: requestId })),
      enumerable: true,
      configurable: true,
    });
    ctx.set('X-Request-Id', requestId);
    try {
      await next();
    } finally {
      if (logger.isLevelEnabled('info')) {
        const principal = ctx.state.principal;
        logger.info(
          {
            request_id: requestId,
            method: ctx.method,
            // Path only: query strings never reach the log.
            path: ctx.path,
            status: ctx.status,
            duration_ms: Math.round(performance.now() - ctx.state.startedAt),
            key_prefix: principal?.kind === 'key' ? principal.prefix : undefined,
            user_id: principal?.kind === 'session' ? principal.userId : undefined,
          },
          'request',
        );
      }
    }
  };
}
