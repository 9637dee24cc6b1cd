import { Entity, Index, PrimaryColumn } from 'typeorm';
import { Int, LongText, Time, Varchar } from '../columns.js';

/**
 * A Shopify webhook as received (unique on X-Shopify-Event-Id, so a repeated delivery is stored once), and the
 * durable queue entry its work runs from.
 */
@Entity('webhook_events')
@Index(['status', 'runAfter'])
export class WebhookEventRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @Index({ unique: true }) @Varchar(255) eventId!: string;
  @Varchar(64) topic!: string;
  @Index() @Varchar(255) shop!: string;
  @LongText() payload!: string;
  @Varchar(16) status!: 'queued' | 'running' | 'done' | 'failed';
  @Int() attempts!: number;
  @Time() runAfter!: Date;
  @Time({ nullable: true }) lockedUntil!: Date | null;
  @LongText({ nullable: true }) outcome!: string | null;
  @Time() receivedAt!: Date;
  @Time({ nullable: true }) processedAt!: Date | null;
}
