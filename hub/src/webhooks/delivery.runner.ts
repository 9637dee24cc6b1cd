import { IsNull, type DataSource } from 'typeorm';
import type { Config } from '../config.js';
import { WebhookDeliveryRow } from '../db/entities/webhook-delivery.entity.js';
import { WebhookEndpointRow } from '../db/entities/webhook-endpoint.entity.js';
import { WebhookEventRow } from '../db/entities/webhook-event.entity.js';
import { WebhookMessageRow } from '../db/entities/webhook-message.entity.js';
import type { Enqueue } from '../services/job-port.js';
import { newId } from '../lib/ids.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { SsrfGuard } from '../lib/ssrf-guard.js';
import type { Logger } from '../logger.js';
import type { AuditService } from '../services/audit.service.js';
import { sendWebhook, type SendOutcome } from './sender.client.js';
import { signPayload } from './signing.js';

/**
 * One delivery job: the scheduled `attempt` of a message (claimed, so a duplicate job sends
 * nothing), or a `redelivery` on demand (outside the schedule). `once`: never retried (test pings).
 */
export interface DeliveryJobData {
  messageId: string;
  attempt?: number;
  redelivery?: boolean;
  once?: boolean;
}

/** Where a message goes and with which secret; the endpoint row for subscriptions. */
interface Target {
  url: string;
  secret: string | null;
  endpoint: WebhookEndpointRow | null;
}

export const endpointSecretContext = (id: string) => `webhook_endpoints.secret:${id}`;
export const messageSecretContext = (id: string) => `webhook_messages.secret:${id}`;

/**
 * Sends messages: sign, POST once through the SSRF guard, log the attempt, then decide — delivered,
 * retry later (the configured schedule with jitter, or the receiver's Retry-After), or give up. A
 * 410 disables the subscription; so does failing without a success for `disableAfterMs` (audited).
 */
export class WebhookDeliverer {
  constructor(
    private readonly db: DataSource,
    private readonly secrets: SecretBox,
    private readonly guard: SsrfGuard,
    /** The `deliver-webhook` job. */
    private readonly enqueueDelivery: Enqueue<DeliveryJobData>,
    private readonly audit: AuditService,
    private readonly config: Config['webhooks'],
    private readonly logger: Logger,
  ) {}

  /** Queues a message's first attempt, or a redelivery. */
  async enqueue(data: DeliveryJobData, at?: Date): Promise<void> {
    await this.enqueueDelivery(data, at ? { at } : {});
  }

  /** Runs one job; the attempt's log row, or undefined when there was nothing to send. */
  async run(data: DeliveryJobData): Promise<WebhookDeliveryRow | undefined> {
    const messages = this.db.getRepository(WebhookMessageRow);
    const message = await messages.findOneBy({ id: data.messageId });
    if (!message) return undefined;
    if (!data.redelivery && !(await this.claim(message, data.attempt ?? 1))) return undefined;

    const target = await this.targetOf(message);
    if (!target) {
      await messages.update({ id: message.id, status: 'pending' }, { status: 'canceled', nextAttemptAt: null, finishedAt: new Date() });
      return undefined;
    }
    const event = await this.db.getRepository(WebhookEventRow).findOneByOrFail({ id: message.eventId });
    const now = new Date();
    const signed = target.secret
      ? signPayload({ id: message.id, timestamp: now, body: event.payload, secret: target.secret })
      : { 'webhook-id': message.id, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)) };
    const outcome = await sendWebhook(target.url, event.payload, { ...signed }, { guard: this.guard, timeoutMs: this.config.timeoutMs });
    const succeeded = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;

    const nextAttemptAt = succeeded || data.redelivery || data.once ? null : await this.afterFailure(message, outcome);
    if (succeeded) await messages.update({ id: message.id }, { status: 'succeeded', nextAttemptAt: null, finishedAt: new Date() });
    if (target.endpoint && !data.once) await this.noteHealth(target.endpoint, succeeded, outcome);

    const previous = await this.db.getRepository(WebhookDeliveryRow).countBy({ messageId: message.id });
    const row: WebhookDeliveryRow = {
      id: newId('dlv'),
      organizationId: message.organizationId,
      messageId: message.id,
      endpointId: message.endpointId,
      eventId: event.id,
      event: event.type,
      subjectId: event.subjectId,
      url: target.url,
      attempt: previous + 1,
      redelivery: data.redelivery ?? false,
      succeeded,
      statusCode: outcome.statusCode,
      durationMs: outcome.durationMs,
      error: outcome.error?.slice(0, 500) ?? null,
      responseExcerpt: outcome.excerpt,
      nextAttemptAt,
      createdAt: now,
    };
    await this.db.getRepository(WebhookDeliveryRow).insert(row);
    return row;
  }

  /**
   * Takes the scheduled attempt: true for exactly one job per (message, attempt), while the message is
   * pending. The attempt is due again only if this worker dies mid-send (the maintenance job re-queues
   * it once `nextAttemptAt` is well past), so an attempt in flight never looks stranded.
   */
  private async claim(message: WebhookMessageRow, attempt: number): Promise<boolean> {
    const result = await this.db
      .createQueryBuilder()
      .update(WebhookMessageRow)
      .set({ attempts: attempt, nextAttemptAt: new Date(Date.now() + 2 * this.config.timeoutMs) })
      .where('id = :id AND status = :status AND attempts = :before', { id: message.id, status: 'pending', before: attempt - 1 })
      .execute();
    message.attempts = attempt;
    return result.affected === 1;
  }

  private async targetOf(message: WebhookMessageRow): Promise<Target | undefined> {
    if (!message.endpointId) {
      const secret = message.secretSealed ? this.secrets.open(message.secretSealed, messageSecretContext(message.id)) : null;
      return { url: message.url!, secret, endpoint: null };
    }
    const endpoint = await this.db.getRepository(WebhookEndpointRow).findOneBy({ id: message.endpointId });
    if (!endpoint?.active) return undefined;
    return { url: endpoint.url, secret: this.secrets.open(endpoint.secretSealed, endpointSecretContext(endpoint.id)), endpoint };
  }

  /** Schedules the next attempt (or gives up); returns when it will run. */
  private async afterFailure(message: WebhookMessageRow, outcome: SendOutcome): Promise<Date | null> {
    const messages = this.db.getRepository(WebhookMessageRow);
    const schedule = this.config.retryScheduleMs;
    if (outcome.statusCode === 410 || message.attempts > schedule.length) {
      await messages.update({ id: message.id }, { status: 'failed', nextAttemptAt: null, finishedAt: new Date() });
      return null;
    }
    const delay = outcome.retryAfterMs ?? jitter(schedule[message.attempts - 1]!);
    const at = new Date(Date.now() + delay);
    await messages.update({ id: message.id }, { nextAttemptAt: at });
    await this.enqueue({ messageId: message.id, attempt: message.attempts + 1 }, at);
    return at;
  }

  /** A success heals the subscription; a 410 or failing too long disables it. */
  private async noteHealth(endpoint: WebhookEndpointRow, succeeded: boolean, outcome: SendOutcome): Promise<void> {
    const endpoints = this.db.getRepository(WebhookEndpointRow);
    if (succeeded) {
      if (endpoint.failingSince) await endpoints.update({ id: endpoint.id }, { failingSince: null });
      return;
    }
    const now = new Date();
    const failingSince = endpoint.failingSince ?? now;
    if (!endpoint.failingSince) await endpoints.update({ id: endpoint.id, failingSince: IsNull() }, { failingSince: now });
    const reason = outcome.statusCode === 410 ? 'gone' : now.getTime() - failingSince.getTime() >= this.config.disableAfterMs ? 'failing' : null;
    if (!reason) return;
    const disabled = await endpoints.update({ id: endpoint.id, active: true }, { active: false, disabledReason: reason, disabledAt: now, updatedAt: now });
    if (disabled.affected !== 1) return;
    await this.db
      .getRepository(WebhookMessageRow)
      .update({ endpointId: endpoint.id, status: 'pending' }, { status: 'canceled', nextAttemptAt: null, finishedAt: now });
    this.logger.warn({ webhook_id: endpoint.id, reason }, 'webhook subscription disabled');
    await this.audit.record({
      organizationId: endpoint.organizationId,
      action: 'webhook.disabled',
      targetType: 'webhook',
      targetId: endpoint.id,
      metadata: { reason, failing_since: failingSince.toISOString(), last_status: outcome.statusCode, last_error: outcome.error },
    });
  }
}

/** ±10 %, so retries of many messages failing together spread out. */
function jitter(ms: number): number {
  return Math.round(ms * (0.9 + Math.random() * 0.2));
}
