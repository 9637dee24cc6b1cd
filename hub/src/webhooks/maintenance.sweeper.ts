import { In, LessThan, type DataSource } from 'typeorm';
import { WebhookDeliveryRow } from '../db/entities/webhook-delivery.entity.js';
import { WebhookEventRow } from '../db/entities/webhook-event.entity.js';
import { WebhookMessageRow } from '../db/entities/webhook-message.entity.js';
import type { WebhookDeliverer } from './delivery.runner.js';

/** Delivery history (events, finished messages, attempts) is kept this long. */
export const HISTORY_RETENTION_MS = 30 * 24 * 3600_000;
const BATCH = 500;

/** Housekeeping of the webhook tables (run by the `webhook-maintenance` job). */
export class WebhookMaintenance {
  constructor(
    private readonly db: DataSource,
    private readonly deliverer: WebhookDeliverer,
    /** A pending message this far past its attempt time has lost its job. */
    private readonly strandedAfterMs: number,
  ) {}

  /** Queues the due attempt of every message left pending without a job; the claim drops duplicates. */
  async requeueStranded(now = new Date()): Promise<number> {
    const stranded = await this.db.getRepository(WebhookMessageRow).find({
      where: { status: 'pending', nextAttemptAt: LessThan(new Date(now.getTime() - this.strandedAfterMs)) },
      select: { id: true, attempts: true },
      take: BATCH,
    });
    for (const message of stranded) await this.deliverer.enqueue({ messageId: message.id, attempt: message.attempts + 1 });
    return stranded.length;
  }

  /** Deletes attempts, finished messages and their events older than the retention. */
  async purgeHistory(now = new Date()): Promise<void> {
    const before = new Date(now.getTime() - HISTORY_RETENTION_MS);
    await this.db.getRepository(WebhookDeliveryRow).delete({ createdAt: LessThan(before) });
    await this.db.getRepository(WebhookMessageRow).delete({ createdAt: LessThan(before), status: In(['succeeded', 'failed', 'canceled']) });
    await this.db
      .createQueryBuilder()
      .delete()
      .from(WebhookEventRow)
      .where('created_at < :before', { before })
      .andWhere('NOT EXISTS (SELECT 1 FROM webhook_messages m WHERE m.event_id = webhook_events.id)')
      .execute();
  }
}
