import type { z } from 'zod';
import { AppError, type FieldError } from '../errors.js';

/** Validates raw parameters against an operation's schema; failures are 422 naming each field. */
export function parseParams<Schema extends z.ZodType>(schema: Schema, raw: unknown): z.output<Schema> {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : 'params',
    message: issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));
  const detail = errors.map((error) => `${error.field}: ${error.message}`).join('; ');
  throw new AppError('invalid_parameter', detail, { errors });
}
