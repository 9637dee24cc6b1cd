import type { AppMiddleware, AppState } from '../context.js';
import type { Logger } from '../logger.js';
import { pooledRandomBytes } from '../lib/ids.js';

const INBOUND_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** The request's `ctx.state`: one shape for every request, with the child logger made on first use. */
class RequestState implements AppState {
  readonly startedAt = performance.now();
  // Declared so that every request's state has the same fields in the same order (V8 keeps one shape).
  principal: AppState['principal'] = undefined;
  operation: AppState['operation'] = undefined;
  usageLabel: AppState['usageLabel'] = undefined;
  presets: AppState['presets'] = undefined;
  units: AppState['units'] = undefined;
  private childLog: Logger | undefined;

  constructor(
    readonly requestId: string,
    private readonly logger: Logger,
  ) {}

  get log(): Logger {
    return (this.childLog ??= this.logger.child({ request_id: this.requestId }));
  }
}

/** Gives every request an id (kept from `X-Request-Id` when sane), a child logger and an access log line. */
export function requestContext(logger: Logger): AppMiddleware {
  return async (ctx, next) => {
    const inbound = ctx.get('X-Request-Id');
    const requestId = INBOUND_ID.test(inbound)
      ? inbound
      : `req_${pooledRandomBytes(12).toString('base64url')}`;
    ctx.state = new RequestState(requestId, logger);
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
