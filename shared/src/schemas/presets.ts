import { z } from 'zod';
import { operationSpellings } from '../operations.js';
import { isoDate } from './common.js';
import { TASK_WEBHOOK_EVENTS } from '../endpoints.js';

const presetName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.:-]*$/, 'letters, digits, spaces and _ . : - (starting with a letter or digit)')
  .meta({ description: 'Unique in the organization; `preset=<name>` applies it (as does `preset=<id>`).', example: 'amazon-main-white' });

const presetWebhook = {
  webhook_url: z.string().trim().min(1).max(2048).meta({ description: 'Callback of tasks submitted with this preset (a public http(s) URL).' }),
  webhook_events: z.array(z.enum(TASK_WEBHOOK_EVENTS)).min(1).max(TASK_WEBHOOK_EVENTS.length).meta({ description: 'Default: both.' }),
  webhook_secret: z.string().min(8).max(256).meta({ description: 'Signs the callbacks; stored encrypted, never shown again.' }),
};

export const createPresetBody = z
  .object({
    name: presetName,
    operation: z.enum(operationSpellings as [string, ...string[]]).meta({ description: 'An operation name (or seed alias such as `rm-bg`).' }),
    params: z.record(z.string(), z.unknown()).default({}).meta({ description: 'The operation’s parameters, validated against its schema when saved.' }),
    webhook_url: presetWebhook.webhook_url.optional(),
    webhook_events: presetWebhook.webhook_events.optional(),
    webhook_secret: presetWebhook.webhook_secret.optional(),
  })
  .strict()
  .meta({ id: 'CreatePresetRequest' });
export type CreatePresetBody = z.infer<typeof createPresetBody>;
/** What a client sends (`params` may be left out). */
export type CreatePresetInput = z.input<typeof createPresetBody>;

export const updatePresetBody = z
  .object({
    name: presetName.optional(),
    params: z.record(z.string(), z.unknown()).optional().meta({ description: 'Replaces the parameters (validated against the preset’s operation).' }),
    webhook_url: presetWebhook.webhook_url.nullable().optional().meta({ description: '`null` removes the callback (and its events and secret).' }),
    webhook_events: presetWebhook.webhook_events.optional(),
    webhook_secret: presetWebhook.webhook_secret.nullable().optional(),
  })
  .strict()
  .refine((body) => Object.values(body).some((value) => value !== undefined), { message: 'send at least one field to change' })
  .meta({ id: 'UpdatePresetRequest' });
export type UpdatePresetBody = z.infer<typeof updatePresetBody>;

export const presetSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    operation: z.string(),
    params: z.record(z.string(), z.unknown()),
    webhook: z.object({ url: z.string(), events: z.array(z.enum(TASK_WEBHOOK_EVENTS)), has_secret: z.boolean() }).nullable(),
    created_at: isoDate,
    updated_at: isoDate,
  })
  .meta({ id: 'Preset' });
export type Preset = z.infer<typeof presetSchema>;
