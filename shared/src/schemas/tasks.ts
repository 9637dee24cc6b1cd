import { z } from 'zod';
import { operationNames, operationSpellings } from '../operations.js';
import { isoDate } from './common.js';
import { resultOutputSchema } from './images.js';
import { MAX_TASK_BATCH, TASK_STATUSES, TASK_WEBHOOK_EVENTS, type TaskStatus } from '../endpoints.js';

export const taskStatus = z.enum(TASK_STATUSES);

const webhookUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(2048)
  .meta({
    description:
      'Called when the task ends (see the webhooks guide); private addresses are refused at delivery.',
  });
const webhookEvents = z
  .array(z.enum(TASK_WEBHOOK_EVENTS))
  .min(1)
  .max(TASK_WEBHOOK_EVENTS.length)
  .meta({ description: 'Which endings call the webhook; default both.' });
const webhookSecret = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(256)
  .meta({ description: 'Signs the callback; stored encrypted, never shown again.' });

/** A list form field: repeated (`x[]=a&x[]=b`) or comma-separated (`x=a,b`). */
const listField = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value),
    item,
  );

/** Callback fields of the v1 submit (camelCase, like the seed's `webhookUrl`). */
export const v1CallbackFields = z
  .object({
    webhookUrl: webhookUrl.optional(),
    webhookEvents: listField(webhookEvents).optional(),
    webhookSecret: webhookSecret.optional(),
  })
  .strict();
/** Callback fields of the seed contract (`webhook_url`, `webhook_events[]`, `webhook_secret`). */
export const seedCallbackFields = z
  .object({
    webhook_url: webhookUrl.optional(),
    webhook_events: listField(webhookEvents).optional(),
    webhook_secret: webhookSecret.optional(),
  })
  .strict();

const errorSchema = z
  .object({ code: z.string().meta({ example: 'invalid_image' }), message: z.string() })
  .meta({ description: 'Why the task failed (the same codes as the sync endpoints).' });

export const taskSchema = z
  .object({
    id: z.string().meta({ example: 'task_8ZkQ…' }),
    status: taskStatus,
    operation: z.enum(operationNames),
    progress: z
      .number()
      .int()
      .min(0)
      .max(100)
      .meta({ description: 'Coarse stages: 0 queued, 10 inputs read, 80 processed, 100 done.' }),
    attempts: z
      .number()
      .int()
      .meta({ description: 'Runs started so far (a transient failure or a stopped worker means another).' }),
    params: z
      .record(z.string(), z.unknown())
      .meta({ description: 'The validated parameters (a preset already expanded).' }),
    output: resultOutputSchema
      .extend({ filename: z.string() })
      .nullable()
      .meta({
        description: 'The produced file once succeeded (OCR and compliance checks: the JSON report).',
      }),
    metadata: z
      .record(z.string(), z.unknown())
      .nullable()
      .meta({ description: 'Facts about the run, as the sync endpoint answers them.' }),
    error: errorSchema.nullable(),
    cancel_requested: z
      .boolean()
      .meta({ description: 'Cancellation asked while processing; it stops at the next checkpoint.' }),
    webhook: z
      .object({ url: z.string(), events: z.array(z.enum(TASK_WEBHOOK_EVENTS)), has_secret: z.boolean() })
      .nullable(),
    status_url: z.string(),
    result_url: z.string(),
    created_at: isoDate,
    started_at: isoDate.nullable(),
    finished_at: isoDate.nullable(),
    expires_at: isoDate
      .nullable()
      .meta({ description: 'When the result (and the inputs) are deleted; the task then reads `expired`.' }),
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof taskSchema>;

const statusList = listField(z.array(taskStatus).min(1).max(TASK_STATUSES.length));

export const taskListQuery = z.object({
  status: statusList.optional().meta({ description: 'One status or a comma-separated list.' }),
  operation: z.enum(operationSpellings as [string, ...string[]]).optional(),
  ids: listField(
    z.array(z.string().min(1).max(64)).min(1).max(MAX_TASK_BATCH, `at most ${MAX_TASK_BATCH} ids`),
  )
    .optional()
    .meta({
      description: `Batch lookup: up to ${MAX_TASK_BATCH} comma-separated ids (other filters and paging do not apply).`,
    }),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const taskListSchema = z
  .object({
    data: z.array(taskSchema),
    next_cursor: z.string().nullable(),
    missing: z
      .array(z.string())
      .optional()
      .meta({ description: 'With `ids`: the ids that are not tasks of this organization.' }),
  })
  .meta({ id: 'TaskList' });
export type TaskList = z.infer<typeof taskListSchema>;

export const taskStatsSchema = z
  .object({
    counts: z.object(
      Object.fromEntries(TASK_STATUSES.map((status) => [status, z.number().int()])) as Record<
        TaskStatus,
        z.ZodNumber
      >,
    ),
    recent: z.array(taskSchema).meta({ description: 'The ten newest tasks.' }),
  })
  .meta({ id: 'TaskStats' });
export type TaskStats = z.infer<typeof taskStatsSchema>;

/** The seed contract's answers (`/api/processing-tasks/...`). */
export const processingTaskSchema = z
  .object({
    task_id: z.string(),
    endpoint: z.string().meta({ example: 'rm-bg' }),
    operation: z.enum(operationNames),
    status: taskStatus,
    progress: z.number().int(),
    status_url: z.string(),
    result_url: z
      .string()
      .meta({
        description: 'Downloads the output once the task succeeded (409 `task_not_finished` before).',
      }),
    output_filename: z.string().nullable().meta({ description: 'Set once the task succeeded.' }),
    error: errorSchema.nullable(),
    created_at: isoDate,
    started_at: isoDate.nullable(),
    finished_at: isoDate.nullable(),
  })
  .meta({ id: 'ProcessingTask' });
export type ProcessingTask = z.infer<typeof processingTaskSchema>;

export const taskIdParams = z.object({ id: z.string().min(1).max(64) });
export const processingTaskEndpointParams = z.object({
  endpoint: z.enum(operationSpellings as [string, ...string[]]),
});
