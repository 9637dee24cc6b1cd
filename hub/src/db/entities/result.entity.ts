import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, IntColumn, JsonColumn, TextColumn, TimeColumn } from '../columns.js';

/**
 * A produced file kept for download: a sync call's output, or an async task's (`taskId`). The bytes
 * live in the blob store under the organization; the row outlives them (410 after `expiresAt`).
 */
@Entity('results')
@Index(['organizationId', 'createdAt'])
@Index(['expiresAt'])
export class ResultRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @IdColumn() organizationId!: string;
  @IdColumn({ nullable: true }) keyId!: string | null;
  @IdColumn({ nullable: true }) @Index() taskId!: string | null;
  @TextColumn(64) operation!: string;
  @TextColumn(255) blobKey!: string;
  @TextColumn(255) filename!: string;
  @TextColumn(100) contentType!: string;
  @IntColumn({ nullable: true }) width!: number | null;
  @IntColumn({ nullable: true }) height!: number | null;
  @IntColumn() bytes!: number;
  @JsonColumn() metadata!: Record<string, unknown>;
  @TimeColumn() createdAt!: Date;
  @TimeColumn() expiresAt!: Date;
  /** When the blob was deleted (expired and purged). */
  @TimeColumn({ nullable: true }) purgedAt!: Date | null;
}
