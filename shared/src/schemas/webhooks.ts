import { z } from 'zod';
import { cursorQuery, isoDate } from './common.js';

/**
 * The webhook event catalogue: every event a subscription can ask for, with a sample payload.
 * Every payload carries `id` (the event's id, the same for every receiver), `event` and
 * `created_at`; events about one subject (a task) carry an increasing `sequence` per subject.
 */
export const WEBHOOK_EVENTS = {
  'task.succeeded': {
    description: 'An async task finished with a result.',
    sample: {
      id: 'evt_2mJ4kX0vQeW8b1TzN6cR5yPa',
      event: 'task.succeeded',
      created_at: '2026-11-21T08:00:03.120Z',
      task_id: 'tsk_8Hq2Lm4Vx0aZ7cB1nD5eF3gJ',
      endpoint: 'rm-bg',
      status: 'succeeded',
      status_url: 'https://pixport.example.com/api/processing-tasks/tsk_8Hq2Lm4Vx0aZ7cB1nD5eF3gJ/status',
      result_url: 'https://pixport.example.com/api/processing-tasks/tsk_8Hq2Lm4Vx0aZ7cB1nD5eF3gJ/result',
      output_filename: 'shoe-remove-background.png',
      sequence: 1,
    },
  },
  'task.failed': {
    description: 'An async task failed; `error` says why.',
    sample: {
      id: 'evt_5rT1yU8iO2pA4sD6fG9hJ0kL',
      event: 'task.failed',
      created_at: '2026-11-21T08:00:03.120Z',
      task_id: 'tsk_8Hq2Lm4Vx0aZ7cB1nD5eF3gJ',
      endpoint: 'ocr',
      status: 'failed',
      status_url: 'https://pixport.example.com/api/v1/jobs/tsk_8Hq2Lm4Vx0aZ7cB1nD5eF3gJ',
      output_filename: null,
      error: { code: 'invalid_image', message: 'image is not a supported image' },
      sequence: 1,
    },
  },
  'task.canceled': {
    description: 'An async task was canceled before it finished.',
    sample: {
      id: 'evt_7uI9oP1aS3dF5gH7jK9lZ2xC',
      event: 'task.canceled',
      created_at: '2026-11-21T08:00:03.120Z',
      task_id: 'tsk_8Hq2Lm4Vx0aZ7cB1nD5eF3gJ',
      endpoint: 'upscale',
      status: 'canceled',
      status_url: 'https://pixport.example.com/api/v1/jobs/tsk_8Hq2Lm4Vx0aZ7cB1nD5eF3gJ',
      output_filename: null,
      sequence: 1,
    },
  },
  'credits.low': {
    description: 'The credit balance fell below 20 % of the plan’s monthly credits.',
    sample: {
      id: 'evt_9aS1dF3gH5jK7lZ9xC1vB3nM',
      event: 'credits.low',
      created_at: '2026-11-21T08:00:00.000Z',
      balance: 19,
      monthly_credits: 100,
      threshold: 20,
      period_start: '2026-11-01T00:00:00.000Z',
    },
  },
  'credits.exhausted': {
    description: 'The credit balance reached 0; paid operations answer 402 until the monthly refill.',
    sample: {
      id: 'evt_1qW3eR5tY7uI9oP1aS3dF5gH',
      event: 'credits.exhausted',
      created_at: '2026-11-21T08:00:00.000Z',
      balance: 0,
      monthly_credits: 100,
      period_start: '2026-11-01T00:00:00.000Z',
      next_refill_at: '2026-12-01T00:00:00.000Z',
    },
  },
  'key.expiring': {
    description: 'An API key expires within 7 days.',
    sample: {
      id: 'evt_3eR5tY7uI9oP1aS3dF5gH7jK',
      event: 'key.expiring',
      created_at: '2026-11-21T08:00:00.000Z',
      key_id: 'key_4Fg6Hj8Kl0Zx2Cv4Bn6Mq8We',
      name: 'WordPress shop',
      masked: 'pxp_live_7Gq…x9Qz',
      expires_at: '2026-11-27T12:00:00.000Z',
    },
  },
  'publish.succeeded': {
    description: 'An image was published to a marketplace.',
    sample: {
      id: 'evt_6yU8iO0pA2sD4fG6hJ8kL0zX',
      event: 'publish.succeeded',
      created_at: '2026-11-21T08:00:05.000Z',
      publish_id: 'pub_2Wq4Er6Ty8Ui0Op2As4Df6Gh',
      integration_id: 'int_9Kl1Zx3Cv5Bn7Mq9We1Rt3Yu',
      marketplace: 'shopify',
      product_id: 'gid://shopify/Product/8123456789',
      result_id: 'res_3J9xKq7Lm2Np4Rs6Tv8Wx0Yz',
      task_id: null,
      status: 'succeeded',
      image: { id: 'gid://shopify/MediaImage/3012345678', url: 'https://cdn.shopify.com/s/files/1/shoe.png', alt: 'Red shoe', position: 1 },
      replaced: null,
      warnings: [],
      sequence: 1,
    },
  },
  'publish.failed': {
    description: 'Publishing an image to a marketplace failed; `error` says why.',
    sample: {
      id: 'evt_8iO0pA2sD4fG6hJ8kL0zX2cV',
      event: 'publish.failed',
      created_at: '2026-11-21T08:00:05.000Z',
      publish_id: 'pub_2Wq4Er6Ty8Ui0Op2As4Df6Gh',
      integration_id: 'int_9Kl1Zx3Cv5Bn7Mq9We1Rt3Yu',
      marketplace: 'woocommerce',
      product_id: '42',
      result_id: 'res_3J9xKq7Lm2Np4Rs6Tv8Wx0Yz',
      task_id: 'task_8ZkQ2Lm4Vx0aZ7cB1nD5eF3g',
      status: 'failed',
      image: null,
      replaced: null,
      warnings: [],
      error: { code: 'marketplace_rejected', message: 'woocommerce: Invalid image ID.', marketplace_code: 'woocommerce_product_invalid_image_id' },
      sequence: 1,
    },
  },
} as const satisfies Record<string, { description: string; sample: Record<string, unknown> }>;

export type WebhookEventName = keyof typeof WEBHOOK_EVENTS;
export const webhookEventNames = Object.keys(WEBHOOK_EVENTS) as [WebhookEventName, ...WebhookEventName[]];
export const webhookEventSchema = z.enum(webhookEventNames);

/** What `POST /api/v1/webhooks/:id/test` sends: not subscribable, always delivered to that subscription. */
export const PING_EVENT = 'ping';

const webhookUrl = z.string().trim().min(1).max(2048).meta({
  description: 'Where events are POSTed: a public http(s) URL (private, loopback and link-local targets are refused).',
  example: 'https://shop.example.com/pixport/webhook',
});

export const webhookSecretField = z
  .string()
  .min(16)
  .max(256)
  .meta({
    description:
      'Signing secret: `whsec_` + base64 of 24–64 bytes, or any plain secret of 16+ characters (used as raw bytes). ' +
      'Generated when absent; shown once.',
  });

export const createWebhookBody = z
  .object({
    url: webhookUrl,
    events: z.array(webhookEventSchema).min(1).max(webhookEventNames.length),
    secret: webhookSecretField.optional(),
    description: z.string().trim().max(255).optional(),
  })
  .meta({ id: 'CreateWebhookRequest' });
export type CreateWebhookBody = z.infer<typeof createWebhookBody>;

export const updateWebhookBody = z
  .object({
    url: webhookUrl.optional(),
    events: z.array(webhookEventSchema).min(1).max(webhookEventNames.length).optional(),
    active: z.boolean().optional().meta({ description: '`true` re-enables a disabled subscription; `false` pauses it.' }),
    description: z.string().trim().max(255).nullable().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { message: 'send at least one of url, events, active, description' })
  .meta({ id: 'UpdateWebhookRequest' });
export type UpdateWebhookBody = z.infer<typeof updateWebhookBody>;

export const webhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(webhookEventSchema),
    description: z.string().nullable(),
    active: z.boolean(),
    disabled_reason: z
      .enum(['gone', 'failing'])
      .nullable()
      .meta({ description: '`gone`: the receiver answered 410; `failing`: no successful delivery for 5 days. Null when active or paused.' }),
    disabled_at: isoDate.nullable(),
    created_at: isoDate,
    updated_at: isoDate,
  })
  .meta({ id: 'Webhook' });
export type Webhook = z.infer<typeof webhookSchema>;

export const createdWebhookSchema = webhookSchema
  .extend({ secret: z.string().meta({ description: 'The signing secret; shown only in this answer.' }) })
  .meta({ id: 'CreatedWebhook' });
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;

export const webhookEventInfoSchema = z
  .object({ event: webhookEventSchema, description: z.string(), sample: z.record(z.string(), z.unknown()) })
  .meta({ id: 'WebhookEventInfo' });
export type WebhookEventInfo = z.infer<typeof webhookEventInfoSchema>;

export const webhookDeliverySchema = z
  .object({
    id: z.string(),
    message_id: z.string().meta({ description: 'The `webhook-id` header: the same on every attempt of one message.' }),
    webhook_id: z.string().nullable().meta({ description: 'The subscription; null for a per-task callback.' }),
    task_id: z.string().nullable(),
    event: z.string(),
    event_id: z.string(),
    url: z.string(),
    attempt: z.number().int().meta({ description: '1 for the first try of the message, counting redeliveries.' }),
    redelivery: z.boolean(),
    succeeded: z.boolean(),
    status_code: z.number().int().nullable().meta({ description: 'The receiver’s HTTP status; null when there was none (timeout, refused).' }),
    duration_ms: z.number().int(),
    error: z.string().nullable(),
    response_excerpt: z.string().nullable().meta({ description: 'The first 1 KB of the receiver’s answer.' }),
    next_attempt_at: isoDate.nullable().meta({ description: 'When the message is tried again (on its latest attempt), null when it will not be.' }),
    created_at: isoDate,
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const endpointDeliveriesQuery = cursorQuery.extend({
  event: z.string().max(64).optional().meta({ description: 'Only attempts of this event.' }),
});

export const webhookDeliveriesQuery = endpointDeliveriesQuery.extend({
  task_id: z.string().max(64).optional().meta({ description: 'Only attempts of this task’s events (subscriptions and its callback).' }),
});

export const redeliveryAcceptedSchema = z
  .object({ message_id: z.string(), status: z.literal('queued') })
  .meta({ id: 'RedeliveryAccepted' });
