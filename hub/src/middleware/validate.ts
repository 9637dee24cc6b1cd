import type { z } from 'zod';
import type { AppContext, AppMiddleware } from '../context.js';
import { AppError, type FieldError } from '../errors.js';

interface Schemas {
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
}

type Parsed<S extends Schemas> = {
  [K in keyof S]: S[K] extends z.ZodType ? z.output<S[K]> : never;
};

/**
 * Validates the request against the route's schemas from `shared`, then calls the handler with the
 * parsed input. Failures answer 422 `invalid_parameter` naming every field.
 */
export function validated<S extends Schemas>(
  schemas: S,
  handler: (ctx: AppContext, input: Parsed<S>) => Promise<void> | void,
): AppMiddleware {
  return async (ctx) => {
    const input: Record<string, unknown> = {};
    const errors: FieldError[] = [];
    const sources = { body: ctx.request.body ?? {}, query: ctx.query, params: (ctx as AppContext & { params?: object }).params ?? {} };
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = schemas[part];
      if (!schema) continue;
      const result = schema.safeParse(sources[part]);
      if (result.success) input[part] = result.data;
      else {
        for (const issue of result.error.issues) {
          errors.push({ field: issue.path.join('.') || part, message: issue.message });
        }
      }
    }
    if (errors.length > 0) {
      const summary = errors.map((error) => `${error.field}: ${error.message}`).join('; ');
      throw new AppError('invalid_parameter', summary, { errors });
    }
    await handler(ctx, input as Parsed<S>);
  };
}
