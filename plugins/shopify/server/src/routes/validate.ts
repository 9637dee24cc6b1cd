import type { Context } from 'koa';
import type { z } from 'zod';
import { AppError } from '../errors.js';

const MAX_JSON = 1024 * 1024;

/** The request's JSON body (≤ 1 MB), or 400 invalid_body. */
export async function jsonBody(ctx: Context): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON) throw new AppError('invalid_body', 'The body is larger than 1 MB.', { status: 413 });
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('invalid_body', 'The body is not valid JSON.');
  }
}

/** Parses with a zod schema; a failure is 422 invalid_parameter naming each field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError('invalid_parameter', result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; '), {
    errors: result.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message })),
  });
}
