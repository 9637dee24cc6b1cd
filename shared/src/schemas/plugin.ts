import { z } from 'zod';
import { operationSpellings } from '../operations.js';
import { keyModeSchema, scopeSchema } from './keys.js';

export const planSummarySchema = z.object({
  name: z.string(),
  credits_remaining: z.number().int(),
  rate_limit_per_minute: z.number().int(),
});

export const validateKeyResponse = z
  .object({
    valid: z.literal(true),
    key: z.object({ prefix: z.string(), masked: z.string(), mode: keyModeSchema, scopes: z.array(scopeSchema) }),
    organization: z.object({ id: z.string(), name: z.string() }),
    plan: planSummarySchema,
  })
  .meta({ id: 'ValidateKeyResponse' });
export type ValidateKeyResponse = z.infer<typeof validateKeyResponse>;

export const validateKeyBody = z
  .object({ api_key: z.string().max(200).optional() })
  .meta({ id: 'ValidateKeyRequest', description: 'The key as form field `api_key`, or in X-API-Key / Bearer.' });

export const usageReportBody = z
  .object({
    api_key: z.string().max(200).optional(),
    tool: z.enum(operationSpellings as [string, ...string[]]),
    count: z.coerce.number().int().min(1).max(1000).default(1),
    site_url: z.url().max(2048).optional(),
  })
  .meta({ id: 'UsageReportRequest' });
export type UsageReportBody = z.infer<typeof usageReportBody>;

export const usageReportResponse = z
  .object({
    recorded: z.literal(true),
    tool: z.string().meta({ description: 'Canonical operation name.' }),
    count: z.number().int(),
    counters: z.object({
      key_requests: z.number().int().meta({ description: 'Requests made with this key, this one included.' }),
      tool_reported: z.number().int().meta({ description: 'Units of this tool reported by the organization.' }),
      total_reported: z.number().int().meta({ description: 'Units of every tool reported by the organization.' }),
    }),
  })
  .meta({ id: 'UsageReportResponse' });
