// POST /webhooks: Shopify's deliveries. The HMAC is checked over the raw body (401 when missing or wrong),
// the event is stored once per X-Shopify-Event-Id (a repeated delivery answers 200 and does nothing), and
// the answer goes out at once: the work runs in the worker from the stored row.
import type { Shopify } from '@shopify/shopify-api';
import type { Middleware } from 'koa';
import type { DataSource } from 'typeorm';
import type { AppState } from '../context.js';
import { isUniqueViolation } from '../db/data-source.js';
import { ShopRow } from '../db/entities/shop.entity.js';
import { WebhookEventRow } from '../db/entities/webhook-event.entity.js';
import { AppError } from '../errors.js';
import { isShopDomain } from '../lib/shop-domain.js';
import { newId, type TaskQueue } from '../worker/task-queue.js';

export const WEBHOOK_TOPICS = ['app/uninstalled', 'app/scopes_update', 'customers/data_request', 'customers/redact', 'shop/redact', 'products/create', 'products/update'];
const MAX_BODY = 5 * 1024 * 1024;

async function rawBody(req: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new AppError('invalid_body', 'Webhook body too large.', { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function webhookHandler(shopify: Shopify, dataSource: DataSource, queue: TaskQueue): Middleware<AppState> {
  const events = dataSource.getRepository(WebhookEventRow);
  const shops = dataSource.getRepository(ShopRow);
  return async (ctx) => {
    const body = await rawBody(ctx.req);
    const check = await shopify.webhooks.validate({ rawBody: body, rawRequest: ctx.req, rawResponse: ctx.res });
    if (!check.valid) {
      // A wrong HMAC and missing headers are both refused; only a wrong HMAC is 401 by Shopify's rules, but
      // an unsigned request is no better.
      throw new AppError('invalid_webhook', check.reason === 'invalid_hmac' ? 'The webhook HMAC does not match.' : `The webhook is missing headers (${check.reason}).`);
    }
    const topic = ctx.get('x-shopify-topic').toLowerCase();
    const shop = check.domain;
    if (!isShopDomain(shop)) throw new AppError('invalid_shop', 'X-Shopify-Shop-Domain is not a *.myshopify.com domain.');
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      throw new AppError('invalid_body', 'The webhook body is not JSON.');
    }
    const eventId = ctx.get('x-shopify-event-id') || `webhook:${check.webhookId}`;
    const now = new Date();
    try {
      await events.insert({ id: newId('whe'), eventId, topic, shop, payload: JSON.stringify(payload), status: 'queued', attempts: 0, runAfter: now, lockedUntil: null, outcome: null, receivedAt: now, processedAt: null });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      ctx.status = 200;
      ctx.body = { ok: true, duplicate: true };
      return;
    }
    // Nothing of the shop is processed after this: the pages and the worker see the flag at once.
    if (topic === 'app/uninstalled') await shops.update({ shop }, { status: 'uninstalled', uninstalledAt: now, updatedAt: now });
    queue.poke();
    ctx.status = 200;
    ctx.body = { ok: true };
  };
}
