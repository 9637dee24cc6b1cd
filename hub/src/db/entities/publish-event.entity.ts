import { Entity, Index, PrimaryColumn } from 'typeorm';
import type { ProductImage } from '@pixport/marketplace';
import type { IntegrationMarketplace, MarketplaceFailure } from '@pixport/shared';
import { IdColumn, IntColumn, JsonColumn, TextColumn, TimeColumn } from '../columns.js';

export type PublishStatus = 'queued' | 'publishing' | 'succeeded' | 'failed' | 'restoring' | 'restored';

/**
 * One direct publish: a result put on a marketplace product (the `publish-image` job), and afterwards
 * the activity log entry. Kept when the integration is deleted.
 */
@Entity('publish_events')
@Index(['organizationId', 'createdAt'])
@Index(['organizationId', 'integrationId', 'createdAt'])
@Index(['status', 'createdAt'])
export class PublishEventRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @IdColumn() organizationId!: string;
  @IdColumn({ nullable: true }) keyId!: string | null;
  @IdColumn({ nullable: true }) userId!: string | null;
  @IdColumn() integrationId!: string;
  @TextColumn(32) marketplace!: IntegrationMarketplace;
  @TextColumn(255) productId!: string;
  @TextColumn(255, { nullable: true }) productTitle!: string | null;
  @IdColumn() resultId!: string;
  @IdColumn({ nullable: true }) taskId!: string | null;
  @TextColumn(16) status!: PublishStatus;
  /** The `publish-image` job that owns the publish; another job finding it does nothing (see stranded-rows.ts). */
  @TextColumn(64, { nullable: true }) jobId!: string | null;
  @IntColumn({ nullable: true }) position!: number | null;
  @TextColumn(255, { nullable: true }) replaceImageId!: string | null;
  @TextColumn(512, { nullable: true }) alt!: string | null;
  @JsonColumn() variantIds!: string[];
  @JsonColumn({ nullable: true }) image!: ProductImage | null;
  @JsonColumn({ nullable: true }) replaced!: ProductImage | null;
  @JsonColumn() warnings!: string[];
  @JsonColumn({ nullable: true }) error!: MarketplaceFailure | null;
  @TimeColumn() createdAt!: Date;
  @TimeColumn({ nullable: true }) startedAt!: Date | null;
  @TimeColumn({ nullable: true }) finishedAt!: Date | null;
  /** When the publish.succeeded / publish.failed webhook event was recorded (null: still owed). */
  @TimeColumn({ nullable: true }) notifiedAt!: Date | null;
  /** When a restore put the replaced original back (status `restored`). */
  @TimeColumn({ nullable: true }) restoredAt!: Date | null;
}
