import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AppState } from '../context.js';

/** X-Request-Id on every answer; every error as problem+json with a stable code (a 5xx never leaks details). */
export function errorHandler(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    const requestId = randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError('not_found', `No route ${ctx.method} ${ctx.path}`);
    } catch (caught) {
      const error = caught instanceof AppError ? caught : new AppError('internal', 'Something went wrong on the app server.');
      if (!(caught instanceof AppError) || error.status >= 500) logger.error({ err: caught, requestId, path: ctx.path }, 'request failed');
      ctx.status = error.status;
      ctx.type = 'application/problem+json';
      for (const [name, value] of Object.entries(error.extra.headers ?? {})) ctx.set(name, value);
      ctx.body = {
        type: `about:blank#${error.code}`,
        title: error.title,
        status: error.status,
        detail: error.message,
        code: error.code,
        request_id: requestId,
        ...(error.extra.hubRequestId ? { hub_request_id: error.extra.hubRequestId } : {}),
        ...(error.extra.errors ? { errors: error.extra.errors } : {}),
      };
    }
  };
}
