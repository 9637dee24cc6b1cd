// Delivers a webhook the way Shopify does: a JSON POST whose raw body is signed with the app secret
// (base64 HMAC-SHA256 in X-Shopify-Hmac-Sha256), with the topic, shop, ids, version and trigger time
// in headers. One attempt per call; send the same eventId again to model a repeated delivery.
import { createHmac, randomUUID } from 'node:crypto';

export interface WebhookDelivery {
  topic: string;
  shop: string;
  /** Serialised with JSON.stringify unless already a string (then sent byte for byte). */
  payload: unknown;
  url: string;
  /** The app's client secret. */
  secret: string;
  /** Same for every retry of one event; a fresh one when omitted. */
  eventId?: string;
  webhookId?: string;
  apiVersion?: string;
  triggeredAt?: string;
  /** Shopify gives up on a delivery after 5 s. */
  timeoutMs?: number;
}

export interface WebhookResult {
  status: number;
  body: string;
  eventId: string;
  webhookId: string;
  headers: Record<string, string>;
}

export function webhookHmac(rawBody: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

export async function sendWebhook(delivery: WebhookDelivery): Promise<WebhookResult> {
  const body = typeof delivery.payload === 'string' ? delivery.payload : JSON.stringify(delivery.payload);
  const eventId = delivery.eventId ?? randomUUID();
  const webhookId = delivery.webhookId ?? randomUUID();
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Shopify-Topic': delivery.topic,
    'X-Shopify-Hmac-Sha256': webhookHmac(body, delivery.secret),
    'X-Shopify-Shop-Domain': delivery.shop,
    'X-Shopify-API-Version': delivery.apiVersion ?? '2026-10',
    'X-Shopify-Webhook-Id': webhookId,
    'X-Shopify-Event-Id': eventId,
    'X-Shopify-Triggered-At': delivery.triggeredAt ?? new Date().toISOString(),
  };
  const response = await fetch(delivery.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(delivery.timeoutMs ?? 5000), redirect: 'manual' });
  return { status: response.status, body: await response.text(), eventId, webhookId, headers };
}
