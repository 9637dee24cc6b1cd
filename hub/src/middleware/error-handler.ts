import { ERROR_CODES, problemType, type ErrorCode } from '@pixport/shared';
import type { AppContext, AppMiddleware } from '../context.js';
import { AppError } from '../errors.js';

/**
 * The one place errors become responses: RFC 9457 problem details with a stable `code` and the
 * request id. Unknown errors are logged and answered as `internal`, never with a stack or SQL.
 */
export function errorHandler(): AppMiddleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError('not_found', `No route for ${ctx.method} ${ctx.path}.`);
    } catch (caught) {
      renderProblem(ctx, caught);
    }
  };
}

/** Writes `caught` as the response: problem details, status and the error's headers. */
export function renderProblem(ctx: AppContext, caught: unknown): void {
  const error = toAppError(caught);
  if (error.code === 'internal') ctx.state.log.error({ err: caught }, 'unhandled error');
  const body: Record<string, unknown> = {
    type: problemType(error.code),
    title: ERROR_CODES[error.code].title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    request_id: ctx.state.requestId,
    ...(error.options.errors ? { errors: error.options.errors } : {}),
    ...error.options.extra,
  };
  for (const [name, value] of Object.entries(error.options.headers ?? {})) ctx.set(name, value);
  ctx.status = error.status;
  ctx.type = 'application/problem+json';
  ctx.body = body;
}

/** Maps framework and parser errors (http-errors, raw-body, formidable) to the closed code list. */
export function toAppError(caught: unknown): AppError {
  if (caught instanceof AppError) return caught;
  const error = caught as { status?: number; statusCode?: number; type?: string; code?: number | string; httpCode?: number; message?: string };
  const status = error?.status ?? error?.statusCode ?? error?.httpCode;
  const byStatus: Partial<Record<number, ErrorCode>> = {
    400: 'invalid_body',
    404: 'not_found',
    405: 'method_not_allowed',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    501: 'method_not_allowed',
  };
  // formidable signals size limits with its own codes (1009 file too big, 1016 total too big).
  if (error?.code === 1009 || error?.code === 1016 || error?.type === 'entity.too.large') {
    return new AppError('payload_too_large', 'The request body is larger than this route accepts.', { cause: caught });
  }
  if (error?.type === 'entity.parse.failed' || error?.type === 'encoding.unsupported') {
    return new AppError('invalid_body', 'The request body could not be parsed.', { cause: caught });
  }
  const code = status ? byStatus[status] : undefined;
  if (code) return new AppError(code, code === 'invalid_body' ? 'The request body could not be parsed.' : ERROR_CODES[code].title, { cause: caught });
  return new AppError('internal', 'Something went wrong on our side; quote the request id if you report it.', { cause: caught });
}
