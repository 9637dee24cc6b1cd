import { z } from 'zod';
import { scopeNames } from '../scopes.js';
import { isoDate } from './common.js';

export const KEY_MODES = ['live', 'test'] as const;
export const keyModeSchema = z.enum(KEY_MODES);
export type KeyMode = z.infer<typeof keyModeSchema>;
export const keyStatusSchema = z.enum(['active', 'revoked', 'expired']);
export type KeyStatus = z.infer<typeof keyStatusSchema>;
export const scopeSchema = z.enum(scopeNames);

export const createKeyBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z
      .array(scopeSchema)
      .max(scopeNames.length)
      .default([])
      .meta({ description: 'Empty = every scope.' }),
    mode: keyModeSchema.default('live'),
    expires_at: z.iso
      .datetime({ offset: true })
      .refine((value) => Date.parse(value) > Date.now(), 'must be in the future')
      .optional(),
  })
  .meta({ id: 'CreateKeyRequest' });
export type CreateKeyBody = z.infer<typeof createKeyBody>;

export const keySummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().meta({ example: 'pxp_live_Ab3' }),
    last4: z.string(),
    masked: z.string().meta({ example: 'pxp_live_Ab3…x9Qz' }),
    scopes: z.array(scopeSchema),
    mode: keyModeSchema,
    status: keyStatusSchema,
    created_at: isoDate,
    expires_at: isoDate.nullable(),
    revoked_at: isoDate.nullable(),
    last_used_at: isoDate.nullable(),
    last_used_ip: z.string().nullable(),
    last_used_user_agent: z.string().nullable(),
    last_used_platform: z.string().nullable(),
    request_count: z.number().int(),
  })
  .meta({ id: 'ApiKey' });
export type KeySummary = z.infer<typeof keySummarySchema>;

export const createdKeySchema = keySummarySchema
  .extend({ key: z.string().meta({ description: 'The full key. Returned this once only.' }) })
  .meta({ id: 'CreatedApiKey' });
export type CreatedKey = z.infer<typeof createdKeySchema>;

export const rotateKeyBody = z
  .object({ grace_seconds: z.number().int().min(0).max(604800).default(0) })
  .meta({ id: 'RotateKeyRequest' });

export const rotatedKeySchema = z
  .object({ key: createdKeySchema, previous: keySummarySchema })
  .meta({ id: 'RotatedApiKey' });

export const updateKeyBody = z
  .object({ name: z.string().trim().min(1).max(100).optional(), active: z.boolean().optional() })
  .refine((body) => body.name !== undefined || body.active !== undefined, 'name or active is required')
  .meta({ id: 'UpdateKeyRequest' });
