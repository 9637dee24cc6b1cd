import { ERROR_CODES, type ErrorCode } from '@pixport/shared';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * The hub's one error type. Services throw it with a code from the closed list in `shared`; the
 * error middleware renders it as problem+json. `extra` members are added to the problem body.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string = ERROR_CODES[code].title,
    readonly options: {
      errors?: FieldError[];
      extra?: Record<string, unknown>;
      headers?: Record<string, string>;
      cause?: unknown;
    } = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = 'AppError';
    this.status = ERROR_CODES[code].status;
  }
}

export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found.`);
export const forbidden = (detail: string) => new AppError('forbidden', detail);
export const invalidParameter = (field: string, message: string) =>
  new AppError('invalid_parameter', `${field}: ${message}`, { errors: [{ field, message }] });
