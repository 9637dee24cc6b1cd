import { z } from 'zod';
import { errorCodes } from '../errors.js';

export const problemSchema = z
  .object({
    type: z.string().meta({ example: '/docs/errors#invalid_api_key' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(errorCodes),
    request_id: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem', description: 'RFC 9457 problem details; `code` is stable, `detail` is for humans.' });
export type Problem = z.infer<typeof problemSchema>;

export const isoDate = z.string().meta({ format: 'date-time', example: '2026-11-21T08:00:00.000Z' });

/** Opaque cursor pagination: pass `next_cursor` back as `cursor` until it is null. */
export const cursorQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), next_cursor: z.string().nullable() });
}

export const idParam = z.object({ id: z.string().min(1).max(64) });
export const okSchema = z.object({ ok: z.literal(true) });
