import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MarketplaceFailure } from '@pixport/shared';
import { BoolColumn, IdColumn, IntColumn, JsonColumn, TextColumn, TimeColumn } from '../columns.js';

export type RunItemStatus = 'pending' | 'processing' | 'publishing' | 'succeeded' | 'skipped' | 'failed';

/** One product image of a bulk run and how far it got (a run resumes from these rows). */
@Entity('catalog_run_items')
@Index(['runId', 'seq'], { unique: true })
@Index(['runId', 'status', 'seq'])
export class CatalogRunItemRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @IdColumn() runId!: string;
  @IdColumn() organizationId!: string;
  @IntColumn() seq!: number;
  @TextColumn(255) productId!: string;
  @TextColumn(255) imageId!: string;
  @Column({ type: 'text' }) imageUrl!: string;
  @IntColumn() position!: number;
  /** The original's alt text and variant links, as synced (a publish keeps them). */
  @Column({ type: 'text', nullable: true }) alt!: string | null;
  @JsonColumn({ nullable: true }) variantIds!: string[] | null;
  @TextColumn(16) status!: RunItemStatus;
  @TextColumn(64, { nullable: true }) contentHash!: string | null;
  @IdColumn({ nullable: true }) taskId!: string | null;
  @IdColumn({ nullable: true }) resultId!: string | null;
  @IdColumn({ nullable: true }) publishId!: string | null;
  @BoolColumn() published!: boolean;
  /** The result of an earlier run was used (same content, same parameters) instead of processing again. */
  @BoolColumn() reused!: boolean;
  @JsonColumn({ nullable: true }) error!: MarketplaceFailure | null;
  @TimeColumn() updatedAt!: Date;
}
