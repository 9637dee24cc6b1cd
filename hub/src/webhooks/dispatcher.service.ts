import type { DataSource } from 'typeorm';
import type { WebhookEventName } from '@pixport/shared';
import { WebhookEndpointRow } from '../db/entities/webhook-endpoint.entity.js';
import { WebhookEventRow } from '../db/entities/webhook-event.entity.js';
import { WebhookMessageRow } from '../db/entities/webhook-message.entity.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { newId } from '../lib/ids.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { Logger } from '../logger.js';
import { messageSecretContext, type WebhookDeliverer } from './delivery.runner.js';

/** An event to notify: the org's subscriptions to `type` get it, and the per-task `callback` when given. */
export interface PublishInput {
  organizationId: string;
  type: WebhookEventName | 'ping';
  /** Payload fields besides `id`, `event`, `created_at` (and `sequence`). */
  fields: Record<string, unknown>;
  /** What the event is about (a task id): its events get an increasing `sequence`. */
  subjectId?: string;
  /** A stable id of the source occurrence: an event published again with it is ignored (at-least-once sources). */
  sourceId?: string;
  /** A per-task callback (url and optional plain secret), besides the subscriptions. */
  callback?: { url: string; secret: string | null };
  /** Only this subscription (test pings), whatever its event list. */
  onlyEndpointId?: string;
}

export interface Published {
  eventId: string;
  messageIds: string[];
}

/**
 * Turns events into messages: the event row (the exact JSON body), one message per receiver, then one
 * delivery job per message. A message whose job was lost (a crash between
 * the commit and the enqueue) is re-queued by the `webhook-maintenance` job.
 */
export class WebhookDispatcher {
  constructor(
    private readonly db: DataSource,
    private readonly secrets: SecretBox,
    private readonly deliverer: WebhookDeliverer,
    private readonly logger: Logger,
  ) {}

  /** Publishes and queues the deliveries; null when `sourceId` was published before. */
  async publish(input: PublishInput): Promise<Published | null> {
    const published = await this.record(input);
    if (!published) return null;
    for (const messageId of published.messageIds) await this.deliverer.enqueue({ messageId, attempt: 1 });
    return published;
  }

  /**
   * The rows only (no jobs): test pings deliver their one message in the request. No transaction:
   * on SQLite one holds up every other query of the process while it is open (db/transaction.ts), and
   * this runs for every task that ends. The event row goes first — its unique `sourceId`
   * makes a repeated publish stop there — and its messages follow in one statement; an event left
   * without messages (a crash in between) gets them when it is published again.
   */
  async record(input: PublishInput): Promise<Published | null> {
    const now = new Date();
    const eventId = newId('evt');
    const sequence = input.subjectId ? await this.nextSequence(input.organizationId, input.subjectId) : null;
    const payload = JSON.stringify({
      id: eventId,
      event: input.type,
      created_at: now.toISOString(),
      ...input.fields,
      ...(sequence === null ? {} : { sequence }),
    });
    try {
      await this.db.getRepository(WebhookEventRow).insert({
        id: eventId,
        organizationId: input.organizationId,
        type: input.type,
        subjectId: input.subjectId ?? null,
        sequence,
        sourceId: input.sourceId ?? null,
        payload,
        createdAt: now,
      });
    } catch (error) {
      if (!input.sourceId || !isUniqueViolation(error)) throw error;
      return this.messagesOfRepeated(input);
    }
    return { eventId, messageIds: await this.insertMessages(eventId, input, now) };
  }

  /** A source published again: nothing, unless its event never got its messages. */
  private async messagesOfRepeated(input: PublishInput): Promise<Published | null> {
    const event = await this.db.getRepository(WebhookEventRow).findOneBy({ sourceId: input.sourceId! });
    if (!event || (await this.db.getRepository(WebhookMessageRow).existsBy({ eventId: event.id }))) {
      this.logger.debug({ source_id: input.sourceId }, 'webhook event already published');
      return null;
    }
    return { eventId: event.id, messageIds: await this.insertMessages(event.id, input, event.createdAt) };
  }

  private async insertMessages(eventId: string, input: PublishInput, now: Date): Promise<string[]> {
    const endpoints = await this.db.getRepository(WebhookEndpointRow).find({
      where: input.onlyEndpointId ? { id: input.onlyEndpointId, organizationId: input.organizationId } : { organizationId: input.organizationId, active: true },
      select: { id: true, events: true },
    });
    const subscribed = input.onlyEndpointId ? endpoints : endpoints.filter((endpoint) => endpoint.events.includes(input.type));
    const messages: WebhookMessageRow[] = subscribed.map((endpoint) => this.message(input.organizationId, eventId, now, { endpointId: endpoint.id }));
    if (input.callback) {
      const message = this.message(input.organizationId, eventId, now, { url: input.callback.url });
      message.secretSealed = input.callback.secret ? this.secrets.seal(input.callback.secret, messageSecretContext(message.id)) : null;
      messages.push(message);
    }
    if (messages.length > 0) await this.db.getRepository(WebhookMessageRow).insert(messages);
    return messages.map((message) => message.id);
  }

  private message(organizationId: string, eventId: string, now: Date, target: { endpointId?: string; url?: string }): WebhookMessageRow {
    return {
      id: newId('msg'),
      organizationId,
      eventId,
      endpointId: target.endpointId ?? null,
      url: target.url ?? null,
      secretSealed: null,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
      finishedAt: null,
    };
  }

  private async nextSequence(organizationId: string, subjectId: string): Promise<number> {
    const row = await this.db
      .getRepository(WebhookEventRow)
      .createQueryBuilder('e')
      .select('MAX(e.sequence)', 'last')
      .where('e.organization_id = :organizationId AND e.subject_id = :subjectId', { organizationId, subjectId })
      .getRawOne<{ last: number | string | null }>();
    return Number(row?.last ?? 0) + 1;
  }
}
