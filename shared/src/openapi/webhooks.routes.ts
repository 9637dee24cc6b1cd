import { z } from 'zod';
import { idParam, page } from '../schemas/common.js';
import {
  createWebhookBody,
  createdWebhookSchema,
  endpointDeliveriesQuery,
  redeliveryAcceptedSchema,
  updateWebhookBody,
  webhookDeliveriesQuery,
  webhookDeliverySchema,
  webhookEventInfoSchema,
  webhookSchema,
} from '../schemas/webhooks.js';
import type { RouteSpec } from './define-route.js';

const SIGNING =
  'Deliveries are signed per the Standard Webhooks spec (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`) ' +
  'and carry `X-Pixport-Signature: sha256=<hex HMAC-SHA256 of the raw body>`; see docs/webhooks.md.';

/** Webhook subscriptions and their delivery log. */
export const webhookRoutes: RouteSpec[] = [
  { method: 'post', path: '/api/v1/webhooks', tag: 'Webhooks', summary: 'Subscribe a URL to events', description: `The URL must be public (private, loopback and link-local targets answer 422). Without \`secret\` one is generated (\`whsec_…\`); the secret is returned only here. ${SIGNING}`, auth: 'key-or-session', scope: 'webhooks:manage', body: createWebhookBody, response: { status: 201, schema: createdWebhookSchema, description: 'Subscribed; the secret is shown once.' }, errors: ['forbidden', 'conflict'] },
  { method: 'get', path: '/api/v1/webhooks', tag: 'Webhooks', summary: 'The organization’s subscriptions', auth: 'key-or-session', scope: 'webhooks:manage', response: { status: 200, schema: z.object({ data: z.array(webhookSchema) }), description: 'Subscriptions, oldest first.' } },
  { method: 'get', path: '/api/v1/webhooks/events', tag: 'Webhooks', summary: 'The event catalogue, with a sample payload each', auth: 'key-or-session', scope: 'webhooks:manage', response: { status: 200, schema: z.object({ data: z.array(webhookEventInfoSchema) }), description: 'Events.' } },
  { method: 'get', path: '/api/v1/webhooks/deliveries', tag: 'Webhooks', summary: 'Every delivery attempt of the organization (subscriptions and per-task callbacks)', auth: 'key-or-session', scope: 'webhooks:manage', query: webhookDeliveriesQuery, response: { status: 200, schema: page(webhookDeliverySchema), description: 'Attempts, newest first.' } },
  { method: 'post', path: '/api/v1/webhooks/deliveries/:id/redeliver', tag: 'Webhooks', summary: 'Send a delivery’s message again now', description: 'Same `webhook-id` and body, a fresh timestamp and signature; retries already scheduled go on.', auth: 'key-or-session', scope: 'webhooks:manage', params: idParam, response: { status: 202, schema: redeliveryAcceptedSchema, description: 'Queued.' }, errors: ['not_found', 'conflict', 'forbidden'] },
  { method: 'get', path: '/api/v1/webhooks/:id', tag: 'Webhooks', summary: 'One subscription', auth: 'key-or-session', scope: 'webhooks:manage', params: idParam, response: { status: 200, schema: webhookSchema, description: 'The subscription.' }, errors: ['not_found'] },
  { method: 'patch', path: '/api/v1/webhooks/:id', tag: 'Webhooks', summary: 'Change the URL, events or description; pause or re-enable', description: '`active: true` re-enables a subscription the hub disabled (410 or failing for 5 days).', auth: 'key-or-session', scope: 'webhooks:manage', params: idParam, body: updateWebhookBody, response: { status: 200, schema: webhookSchema, description: 'Updated.' }, errors: ['not_found', 'forbidden'] },
  { method: 'delete', path: '/api/v1/webhooks/:id', tag: 'Webhooks', summary: 'Delete a subscription and its delivery log', auth: 'key-or-session', scope: 'webhooks:manage', params: idParam, response: { status: 204, description: 'Deleted.' }, errors: ['not_found', 'forbidden'] },
  { method: 'post', path: '/api/v1/webhooks/:id/test', tag: 'Webhooks', summary: 'Send a signed `ping` now', description: 'Answers the attempt (status code, duration, error, the start of the answer); a ping is never retried.', auth: 'key-or-session', scope: 'webhooks:manage', params: idParam, response: { status: 200, schema: webhookDeliverySchema, description: 'The attempt.' }, errors: ['not_found', 'conflict', 'forbidden'] },
  { method: 'get', path: '/api/v1/webhooks/:id/deliveries', tag: 'Webhooks', summary: 'Delivery attempts of one subscription', auth: 'key-or-session', scope: 'webhooks:manage', params: idParam, query: endpointDeliveriesQuery, response: { status: 200, schema: page(webhookDeliverySchema), description: 'Attempts, newest first.' }, errors: ['not_found'] },
];
