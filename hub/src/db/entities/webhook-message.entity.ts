import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, IntColumn, TextColumn, TimeColumn } from '../columns.js';

export type WebhookMessageStatus = 'pending' | 'succeeded' | 'failed' | 'canceled';

/**
 * One event to one receiver: a subscription (`endpointId`) or a per-task callback (`url` and its own
 * sealed secret). Its id is the `webhook-id` header, the same on every attempt. `attempts` counts the
 * scheduled attempts (redeliveries are extra) and is the claim that keeps two workers from sending
 * the same attempt.
 */
@Entity('webhook_messages')
@Index(['status', 'nextAttemptAt'])
@Index(['eventId'])
@Index(['createdAt'])
export class WebhookMessageRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @IdColumn() organizationId!: string;
  @IdColumn() eventId!: string;
  @IdColumn({ nullable: true }) endpointId!: string | null;
  @TextColumn(2048, { nullable: true }) url!: string | null;
  @Column({ type: 'text', nullable: true }) secretSealed!: string | null;
  @TextColumn(16) status!: WebhookMessageStatus;
  @IntColumn({ default: 0 }) attempts!: number;
  @TimeColumn({ nullable: true }) nextAttemptAt!: Date | null;
  @TimeColumn() createdAt!: Date;
  @TimeColumn({ nullable: true }) finishedAt!: Date | null;
}
