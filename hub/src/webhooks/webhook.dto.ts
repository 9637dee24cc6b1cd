import type { Webhook, WebhookDelivery, WebhookEventName } from '@pixport/shared';
import type { WebhookDeliveryRow } from '../db/entities/webhook-delivery.entity.js';
import type { WebhookEndpointRow } from '../db/entities/webhook-endpoint.entity.js';

export function toWebhook(row: WebhookEndpointRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    events: row.events as WebhookEventName[],
    description: row.description,
    active: Boolean(row.active),
    disabled_reason: (row.disabledReason as Webhook['disabled_reason']) ?? null,
    disabled_at: row.disabledAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function toDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    message_id: row.messageId,
    webhook_id: row.endpointId,
    task_id: row.event.startsWith('task.') ? row.subjectId : null,
    event: row.event,
    event_id: row.eventId,
    url: row.url,
    attempt: row.attempt,
    redelivery: Boolean(row.redelivery),
    succeeded: Boolean(row.succeeded),
    status_code: row.statusCode,
    duration_ms: row.durationMs,
    error: row.error,
    response_excerpt: row.responseExcerpt,
    next_attempt_at: row.nextAttemptAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}
