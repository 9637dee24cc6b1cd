import { z } from 'zod';
import { operationNames } from '../operations.js';
import { isoDate } from './common.js';
import { keyModeSchema } from './keys.js';

export const accountSchema = z
  .object({
    organization: z.object({ id: z.string(), name: z.string() }),
    plan: z.object({
      name: z.string(),
      monthly_credits: z.number().int(),
      rate_limit_per_minute: z.number().int().meta({ description: 'Requests per minute of each live key.' }),
      test_rate_limit_per_minute: z.number().int().meta({ description: 'Requests per minute of each test-mode key.' }),
    }),
    credits: z.object({
      balance: z.number().int().meta({ description: 'Credits left to spend now.' }),
      reserved: z.number().int().meta({ description: 'Credits held by running tasks (already out of the balance).' }),
      monthly: z.number().int(),
      low_threshold: z.number().int().meta({ description: '`credits.low` is sent when the balance falls below this.' }),
      period_start: isoDate,
      period_end: isoDate.meta({ description: 'The next refill to `monthly` (less what running tasks hold).' }),
      costs: z.record(z.enum(operationNames), z.number().int()).meta({ description: 'Credits per call of each operation.' }),
    }),
    limits: z.object({
      rate_limit_per_minute: z.number().int().meta({ description: 'This caller’s limit (the key’s mode; live for a session).' }),
      upload_bytes: z.number().int(),
      max_input_megapixels: z.number(),
      results_retention_hours: z.number(),
      test_key_preview_megapixels: z.number().meta({ description: 'Outputs of test-mode keys are scaled down to this size.' }),
    }),
    key: z
      .object({ id: z.string(), mode: keyModeSchema, prefix: z.string() })
      .nullable()
      .meta({ description: 'The key of this request; null for a dashboard session.' }),
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof accountSchema>;
