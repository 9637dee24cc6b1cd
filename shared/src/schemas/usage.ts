import { z } from 'zod';
import { cursorQuery, isoDate } from './common.js';
import { PLATFORMS } from '../platforms.js';

export const platformSchema = z.enum(PLATFORMS);

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'not a calendar date');

export const usageQuery = z
  .object({
  from: day.optional().meta({ description: 'First day (UTC), default 30 days ago.' }),
  to: day.optional().meta({ description: 'Last day (UTC), inclusive, default today.' }),
  key_id: z.string().max(64).optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: 'from must not be after to', path: ['from'] })
  .refine(
    (query) => !query.from || !query.to || Date.parse(query.to) - Date.parse(query.from) <= 366 * 86_400_000,
    { message: 'a range spans at most 366 days', path: ['to'] },
  );

export const usageSnapshotSchema = z
  .object({
    range: z.object({ from: z.string(), to: z.string() }),
    total_requests: z.number().int(),
    errors: z.number().int(),
    success_rate: z.number().nullable().meta({ description: 'Share of 2xx/3xx responses, 0..1; null with no requests.' }),
    average_duration_ms: z.number().nullable(),
    heavy_calls: z.number().int(),
    units_reported: z.number().int(),
    last_request_at: isoDate.nullable(),
    by_operation: z.array(
      z.object({ operation: z.string(), requests: z.number().int(), errors: z.number().int(), units: z.number().int() }),
    ),
    by_day: z.array(z.object({ date: z.string(), requests: z.number().int(), errors: z.number().int() })),
    by_day_operation: z
      .array(
        z.object({
          date: z.string(),
          operation: z.string(),
          requests: z.number().int(),
          errors: z.number().int(),
          credits: z.number().int().meta({ description: 'Credits captured by tasks (async jobs, bulk runs) submitted that day.' }),
        }),
      )
      .meta({
        description:
          'Per UTC day and operation, days with activity only, oldest first. Synchronous calls count in `requests`; their charge is not itemised in `credits`.',
      }),
  })
  .meta({ id: 'UsageSnapshot' });
export type UsageSnapshot = z.infer<typeof usageSnapshotSchema>;

export const usageLogsQuery = cursorQuery.extend({
  key_id: z.string().max(64).optional(),
  operation: z.string().max(64).optional(),
  status: z.coerce.number().int().min(100).max(599).optional(),
  platform: platformSchema.optional(),
});

export const usageLogSchema = z
  .object({
    id: z.string(),
    key_id: z.string().nullable(),
    method: z.string(),
    route: z.string(),
    operation: z.string().nullable(),
    label: z.string().nullable().meta({ description: 'The caller’s label for the call (`presetLabel`).' }),
    status: z.number().int(),
    duration_ms: z.number().int(),
    bytes_in: z.number().int(),
    bytes_out: z.number().int(),
    units: z.number().int(),
    heavy: z.boolean(),
    platform: platformSchema,
    ip: z.string().nullable(),
    request_id: z.string(),
    created_at: isoDate,
  })
  .meta({ id: 'UsageLog' });
export type UsageLog = z.infer<typeof usageLogSchema>;
