import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BoolColumn, IdColumn, IntColumn, TextColumn, TimeColumn } from '../columns.js';

/** One delivery attempt of a message, as the receiver answered it (the delivery log). */
@Entity('webhook_deliveries')
@Index(['organizationId', 'createdAt'])
@Index(['endpointId', 'createdAt'])
@Index(['messageId'])
export class WebhookDeliveryRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @IdColumn() organizationId!: string;
  @IdColumn() messageId!: string;
  @IdColumn({ nullable: true }) endpointId!: string | null;
  @IdColumn() eventId!: string;
  @TextColumn(64) event!: string;
  @TextColumn(64, { nullable: true }) subjectId!: string | null;
  @TextColumn(2048) url!: string;
  @IntColumn() attempt!: number;
  @BoolColumn() redelivery!: boolean;
  @BoolColumn() succeeded!: boolean;
  @IntColumn({ nullable: true }) statusCode!: number | null;
  @IntColumn() durationMs!: number;
  @TextColumn(500, { nullable: true }) error!: string | null;
  @Column({ type: 'text', nullable: true }) responseExcerpt!: string | null;
  @TimeColumn({ nullable: true }) nextAttemptAt!: Date | null;
  @TimeColumn() createdAt!: Date;
}
