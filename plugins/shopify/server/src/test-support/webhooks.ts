import { randomUUID } from 'node:crypto';
import { sendWebhook } from '@pixport/marketplace/sandboxes';
import { getHmac } from '@shopify/shopify-api/test-helpers';
import { API_SECRET, SHOP } from './app-stack.js';

/**
 * Delivers a webhook to the app with the marketplace sandbox's sender (Shopify's headers, HMAC over the raw
 * body); `hmac` sends a given signature instead (a forgery).
 */
export async function deliver(url: string, topic: string, payload: unknown, options: { eventId?: string; secret?: string; shop?: string; hmac?: string } = {}) {
  if (options.hmac === undefined) {
    const sent = await sendWebhook({ topic, shop: options.shop ?? SHOP, payload, url: `${url}/webhooks`, secret: options.secret ?? API_SECRET, eventId: options.eventId });
    return { status: sent.status, eventId: sent.eventId, body: sent.body };
  }
  const body = JSON.stringify(payload);
  const eventId = options.eventId ?? randomUUID();
  const response = await fetch(`${url}/webhooks`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Shopify-Topic': topic,
      'X-Shopify-Hmac-Sha256': options.hmac || getHmac(body, API_SECRET),
      'X-Shopify-Shop-Domain': options.shop ?? SHOP,
      'X-Shopify-API-Version': '2026-10',
      'X-Shopify-Webhook-Id': randomUUID(),
      'X-Shopify-Event-Id': eventId,
      'X-Shopify-Triggered-At': new Date().toISOString(),
    },
    body,
  });
  return { status: response.status, eventId, body: await response.text() };
}
