import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BoolColumn, IdColumn, JsonColumn, TextColumn, TimeColumn } from '../columns.js';

/** An account-level webhook subscription. The secret is sealed with SecretBox (context: its id). */
@Entity('webhook_endpoints')
@Index(['organizationId', 'createdAt'])
export class WebhookEndpointRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @IdColumn() organizationId!: string;
  @TextColumn(2048) url!: string;
  @TextColumn(255, { nullable: true }) description!: string | null;
  @JsonColumn() events!: string[];
  @Column({ type: 'text' }) secretSealed!: string;
  @BoolColumn() active!: boolean;
  /** Why the hub disabled it: `gone` (410) or `failing` (no success for the configured time). */
  @TextColumn(16, { nullable: true }) disabledReason!: string | null;
  @TimeColumn({ nullable: true }) disabledAt!: Date | null;
  /** First failure since the last success (null while healthy). */
  @TimeColumn({ nullable: true }) failingSince!: Date | null;
  @TimeColumn() createdAt!: Date;
  @TimeColumn() updatedAt!: Date;
}
