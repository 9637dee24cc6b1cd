import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, JsonColumn, TextColumn, TimeColumn } from '../columns.js';

@Entity('audit_events')
@Index(['organizationId', 'createdAt'])
export class AuditEventRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @IdColumn() organizationId!: string;
  @IdColumn({ nullable: true }) actorUserId!: string | null;
  @IdColumn({ nullable: true }) actorKeyId!: string | null;
  @TextColumn(64) action!: string;
  @TextColumn(32, { nullable: true }) targetType!: string | null;
  @TextColumn(64, { nullable: true }) targetId!: string | null;
  @TextColumn(45, { nullable: true }) ip!: string | null;
  @JsonColumn() metadata!: Record<string, unknown>;
  @TimeColumn() createdAt!: Date;
}
