import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, IntColumn, TextColumn, TimeColumn } from '../columns.js';

/**
 * One event to notify (a task finished, credits ran low …): its payload is the exact body every
 * receiver gets. `sourceId` dedupes events emitted again (at-least-once sources); `sequence` orders
 * the events of one subject (a task).
 */
@Entity('webhook_events')
@Index(['sourceId'], { unique: true })
@Index(['organizationId', 'subjectId', 'sequence'])
@Index(['createdAt'])
export class WebhookEventRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @IdColumn() organizationId!: string;
  @TextColumn(64) type!: string;
  @TextColumn(64, { nullable: true }) subjectId!: string | null;
  @IntColumn({ nullable: true }) sequence!: number | null;
  @TextColumn(128, { nullable: true }) sourceId!: string | null;
  @Column({ type: 'text' }) payload!: string;
  @TimeColumn() createdAt!: Date;
}
