import { Entity, Index, PrimaryColumn } from 'typeorm';
import type { BulkOperation, MarketplaceFailure } from '@pixport/shared';
import { BoolColumn, IdColumn, JsonColumn, TextColumn, TimeColumn } from '../columns.js';

export type RunStatus = 'queued' | 'running' | 'paused' | 'completed' | 'failed' | 'canceled';
export type PauseReason = 'merchant' | 'insufficient_credits';

/** A bulk run over a synced catalog: one operation on many product images, optionally published back. */
@Entity('catalog_runs')
@Index(['organizationId', 'createdAt'])
@Index(['status', 'pausedReason'])
export class CatalogRunRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @IdColumn() organizationId!: string;
  /** Who started it: the run acts on their behalf (their key or their membership). */
  @IdColumn({ nullable: true }) keyId!: string | null;
  @IdColumn({ nullable: true }) userId!: string | null;
  @IdColumn() integrationId!: string;
  @TextColumn(32) operation!: BulkOperation;
  /** The parameters as given (fields of the operation), expanded and validated per image. */
  @JsonColumn() params!: Record<string, unknown>;
  @TextColumn(32, { nullable: true }) preset!: string | null;
  @TextColumn(8) images!: 'main' | 'all';
  @BoolColumn() publish!: boolean;
  @BoolColumn() replace!: boolean;
  @TextColumn(16) status!: RunStatus;
  /** Why a `paused` run waits: the merchant paused it, or credits ran out (it resumes by itself when they return). */
  @TextColumn(32, { nullable: true }) pausedReason!: PauseReason | null;
  @IdColumn({ nullable: true }) presetId!: string | null;
  @JsonColumn({ nullable: true }) error!: MarketplaceFailure | null;
  @TimeColumn() createdAt!: Date;
  @TimeColumn({ nullable: true }) startedAt!: Date | null;
  @TimeColumn({ nullable: true }) finishedAt!: Date | null;
}
