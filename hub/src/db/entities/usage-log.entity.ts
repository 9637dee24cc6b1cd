import { Entity, Index, PrimaryColumn } from 'typeorm';
import { BoolColumn, IdColumn, IntColumn, TextColumn, TimeColumn } from '../columns.js';

/** One row per key-authenticated request (written in batches, behind the request). */
@Entity('api_usage_logs')
@Index(['organizationId', 'id'])
@Index(['organizationId', 'createdAt'])
export class UsageLogRow {
  /** A ULID: time-ordered, so it is also the pagination cursor. */
  @PrimaryColumn({ type: 'varchar', length: 26 }) id!: string;
  @IdColumn() organizationId!: string;
  @IdColumn({ nullable: true }) keyId!: string | null;
  @TextColumn(8) method!: string;
  @TextColumn(128) route!: string;
  @TextColumn(64, { nullable: true }) operation!: string | null;
  /** The caller's label for the call (`presetLabel`). */
  @TextColumn(100, { nullable: true }) label!: string | null;
  @IntColumn() status!: number;
  @IntColumn() durationMs!: number;
  @IntColumn() bytesIn!: number;
  @IntColumn() bytesOut!: number;
  @IntColumn({ default: 1 }) units!: number;
  @BoolColumn() heavy!: boolean;
  @TextColumn(16) platform!: string;
  @TextColumn(45, { nullable: true }) ip!: string | null;
  @TextColumn(64) requestId!: string;
  @TimeColumn() createdAt!: Date;
}
