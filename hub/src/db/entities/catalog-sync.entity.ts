import { Entity, PrimaryColumn } from 'typeorm';
import type { MarketplaceFailure } from '@pixport/shared';
import { IdColumn, IntColumn, JsonColumn, TextColumn, TimeColumn } from '../columns.js';

export type SyncStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** The catalog sync state of one integration: the current or last run, and where the next incremental run starts. */
@Entity('catalog_syncs')
export class CatalogSyncRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) integrationId!: string;
  @IdColumn() organizationId!: string;
  @TextColumn(16) status!: SyncStatus;
  @TextColumn(16) mode!: 'full' | 'incremental';
  @TextColumn(16, { nullable: true }) strategy!: 'paged' | 'bulk' | null;
  @IntColumn({ default: 0 }) fetched!: number;
  @IntColumn({ nullable: true }) total!: number | null;
  @IntColumn({ default: 0 }) products!: number;
  @IntColumn({ default: 0 }) removed!: number;
  @TimeColumn() requestedAt!: Date;
  @TimeColumn({ nullable: true }) startedAt!: Date | null;
  @TimeColumn({ nullable: true }) finishedAt!: Date | null;
  @TimeColumn({ nullable: true }) lastSuccessAt!: Date | null;
  /** Incremental runs ask for products changed after this (marketplace time). */
  @TimeColumn({ nullable: true }) watermark!: Date | null;
  @JsonColumn({ nullable: true }) error!: MarketplaceFailure | null;
}
