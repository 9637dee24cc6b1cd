import type { DataSource } from 'typeorm';
import {
  PING_EVENT,
  WEBHOOK_EVENTS,
  webhookEventNames,
  type CreateWebhookBody,
  type CreatedWebhook,
  type UpdateWebhookBody,
  type Webhook,
  type WebhookDelivery,
  type WebhookEventInfo,
} from '@pixport/shared';
import { WebhookDeliveryRow } from '../db/entities/webhook-delivery.entity.js';
import { WebhookEndpointRow } from '../db/entities/webhook-endpoint.entity.js';
import { WebhookMessageRow } from '../db/entities/webhook-message.entity.js';
import { AppError, invalidParameter, notFound } from '../errors.js';
import { newestFirstPage } from '../lib/cursor.js';
import { newId } from '../lib/ids.js';
import type { SecretBox } from '../lib/secret-box.js';
import { checkUrlField, type SsrfGuard } from '../lib/ssrf-guard.js';
import type { AuditService } from '../services/audit.service.js';
import { requireRole, type Principal, type RequestMeta } from '../services/principal.js';
import { endpointSecretContext, type WebhookDeliverer } from './delivery.runner.js';
import type { WebhookDispatcher } from './dispatcher.service.js';
import { toDelivery, toWebhook } from './webhook.dto.js';
import { generateSecret, secretProblem } from './signing.js';

const MAX_SUBSCRIPTIONS = 100;

/**
 * Account-level webhook subscriptions: CRUD, the event catalogue, test pings, the delivery log and
 * redelivery. Every query is scoped to the caller's organization (another one's ids answer 404).
 */
export class WebhookSubscriptions {
  constructor(
    private readonly db: DataSource,
    private readonly secrets: SecretBox,
    private readonly guard: SsrfGuard,
    private readonly dispatcher: WebhookDispatcher,
    private readonly deliverer: WebhookDeliverer,
    private readonly audit: AuditService,
  ) {}

  catalogue(): WebhookEventInfo[] {
    return webhookEventNames.map((event) => ({ event, description: WEBHOOK_EVENTS[event].description, sample: WEBHOOK_EVENTS[event].sample }));
  }

  async create(principal: Principal, body: CreateWebhookBody, meta: RequestMeta): Promise<CreatedWebhook> {
    mayManage(principal);
    const url = await this.checkUrl(body.url);
    if (body.secret !== undefined) {
      const problem = secretProblem(body.secret);
      if (problem) throw invalidParameter('secret', problem);
    }
    const count = await this.db.getRepository(WebhookEndpointRow).countBy({ organizationId: principal.organizationId });
    if (count >= MAX_SUBSCRIPTIONS) throw new AppError('conflict', `An organization has at most ${MAX_SUBSCRIPTIONS} webhook subscriptions.`);
    const id = newId('whk');
    const secret = body.secret ?? generateSecret();
    const now = new Date();
    const row: WebhookEndpointRow = {
      id,
      organizationId: principal.organizationId,
      url,
      description: body.description || null,
      events: [...new Set(body.events)],
      secretSealed: this.secrets.seal(secret, endpointSecretContext(id)),
      active: true,
      disabledReason: null,
      disabledAt: null,
      failingSince: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.db.getRepository(WebhookEndpointRow).insert(row);
    await this.record(principal, 'webhook.created', id, meta, { url, events: row.events });
    return { ...toWebhook(row), secret };
  }

  async list(principal: Principal): Promise<Webhook[]> {
    const rows = await this.db.getRepository(WebhookEndpointRow).find({
      where: { organizationId: principal.organizationId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map(toWebhook);
  }

  async get(principal: Principal, id: string): Promise<Webhook> {
    return toWebhook(await this.find(principal, id));
  }

  async update(principal: Principal, id: string, body: UpdateWebhookBody, meta: RequestMeta): Promise<Webhook> {
    mayManage(principal);
    const row = await this.find(principal, id);
    const now = new Date();
    const changes: Partial<WebhookEndpointRow> = { updatedAt: now };
    if (body.url !== undefined) changes.url = await this.checkUrl(body.url);
    if (body.events !== undefined) changes.events = [...new Set(body.events)];
    if (body.description !== undefined) changes.description = body.description || null;
    if (body.active === true) Object.assign(changes, { active: true, disabledReason: null, disabledAt: null, failingSince: null });
    if (body.active === false) Object.assign(changes, { active: false, disabledReason: null, disabledAt: now });
    await this.db.getRepository(WebhookEndpointRow).update({ id: row.id }, changes);
    if (body.active === false) await this.cancelPending(row.id, now);
    await this.record(principal, 'webhook.updated', id, meta, { changed: Object.keys(body).filter((key) => key in changes || key === 'active') });
    return toWebhook({ ...row, ...changes });
  }

  async remove(principal: Principal, id: string, meta: RequestMeta): Promise<void> {
    mayManage(principal);
    const row = await this.find(principal, id);
    // Endpoint last: a delivery job racing the delete finds its message canceled or its endpoint gone.
    await this.cancelPending(row.id, new Date());
    await this.db.getRepository(WebhookDeliveryRow).delete({ endpointId: row.id });
    await this.db.getRepository(WebhookEndpointRow).delete({ id: row.id });
    await this.record(principal, 'webhook.deleted', id, meta, { url: row.url });
  }

  /** Sends a signed `ping` to an active subscription now and answers the attempt (never retried). */
  async ping(principal: Principal, id: string): Promise<WebhookDelivery> {
    mayManage(principal);
    const row = await this.find(principal, id);
    if (!row.active) throw new AppError('conflict', 'The subscription is paused or disabled; re-enable it to ping it.');
    const published = await this.dispatcher.record({
      organizationId: principal.organizationId,
      type: PING_EVENT,
      fields: { webhook_id: row.id },
      onlyEndpointId: row.id,
    });
    const messageId = published!.messageIds[0]!;
    const delivery = await this.deliverer.run({ messageId, redelivery: true, once: true });
    if (!delivery) throw new AppError('conflict', 'The subscription was disabled meanwhile; re-enable it to ping it.');
    await this.db
      .getRepository(WebhookMessageRow)
      .update({ id: messageId }, { status: delivery.succeeded ? 'succeeded' : 'failed', nextAttemptAt: null, finishedAt: new Date() });
    return toDelivery(delivery);
  }

  /** The attempts of one subscription, newest first. */
  async deliveries(principal: Principal, id: string, query: { cursor?: string; limit: number; event?: string }) {
    await this.find(principal, id);
    return this.page(principal, { ...query, endpointId: id });
  }

  /** Every attempt of the organization (subscriptions and per-task callbacks), newest first. */
  async allDeliveries(principal: Principal, query: { cursor?: string; limit: number; event?: string; task_id?: string }) {
    return this.page(principal, query);
  }

  /** Queues another attempt of a delivery's message now (the schedule, if any, goes on). */
  async redeliver(principal: Principal, deliveryId: string, meta: RequestMeta): Promise<{ message_id: string; status: 'queued' }> {
    mayManage(principal);
    const delivery = await this.db.getRepository(WebhookDeliveryRow).findOneBy({ id: deliveryId, organizationId: principal.organizationId });
    if (!delivery) throw notFound('Delivery');
    if (delivery.endpointId) {
      const endpoint = await this.db.getRepository(WebhookEndpointRow).findOneBy({ id: delivery.endpointId });
      if (!endpoint?.active) throw new AppError('conflict', 'The subscription is paused or disabled; re-enable it before redelivering.');
    }
    await this.deliverer.enqueue({ messageId: delivery.messageId, redelivery: true });
    await this.record(principal, 'webhook.redelivered', delivery.endpointId ?? delivery.messageId, meta, { delivery_id: delivery.id });
    return { message_id: delivery.messageId, status: 'queued' };
  }

  private async page(principal: Principal, query: { cursor?: string; limit: number; event?: string; task_id?: string; endpointId?: string }) {
    const builder = this.db
      .getRepository(WebhookDeliveryRow)
      .createQueryBuilder('d')
      .where('d.organization_id = :org', { org: principal.organizationId });
    if (query.endpointId) builder.andWhere('d.endpoint_id = :endpointId', { endpointId: query.endpointId });
    if (query.event) builder.andWhere('d.event = :event', { event: query.event });
    if (query.task_id) builder.andWhere("d.subject_id = :taskId AND d.event LIKE 'task.%'", { taskId: query.task_id });
    const { rows, next_cursor } = await newestFirstPage(builder, 'd', query);
    return { data: rows.map(toDelivery), next_cursor };
  }

  private async find(principal: Principal, id: string): Promise<WebhookEndpointRow> {
    const row = await this.db.getRepository(WebhookEndpointRow).findOneBy({ id, organizationId: principal.organizationId });
    if (!row) throw notFound('Webhook');
    return row;
  }

  private checkUrl(url: string): Promise<string> {
    return checkUrlField(this.guard, url, 'url');
  }

  private async cancelPending(endpointId: string, now: Date): Promise<void> {
    await this.db.getRepository(WebhookMessageRow).update({ endpointId, status: 'pending' }, { status: 'canceled', nextAttemptAt: null, finishedAt: now });
  }

  private record(principal: Principal, action: string, targetId: string, meta: RequestMeta, metadata: Record<string, unknown>) {
    return this.audit.recordFor(principal, { action, targetType: 'webhook', targetId, ip: meta.ip, metadata });
  }
}

/** Dashboard viewers read; developers and above manage. API keys need `webhooks:manage` (checked by the route). */
function mayManage(principal: Principal): void {
  if (principal.kind === 'session') requireRole(principal, 'developer', 'manage webhooks');
}
