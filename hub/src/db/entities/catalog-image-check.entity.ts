import { Entity, Index, PrimaryColumn, Column } from 'typeorm';
import type { ComplianceVerdictValue } from '@pixport/shared';
import { IdColumn, TextColumn, TimeColumn } from '../columns.js';

/**
 * The compliance check of one image of a synced product, as it was at `url`: a new URL (the
 * marketplace's image changed) makes it stale. The verdicts come from image_verdicts by content hash.
 */
@Entity('catalog_image_checks')
@Index(['integrationId', 'checkedAt'])
export class CatalogImageCheckRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) itemId!: string;
  @PrimaryColumn({ type: 'varchar', length: 255 }) imageId!: string;
  @IdColumn() integrationId!: string;
  @Column({ type: 'text' }) url!: string;
  @TextColumn(64, { nullable: true }) contentHash!: string | null;
  @TextColumn(8) amazon!: ComplianceVerdictValue;
  @TextColumn(8) google!: ComplianceVerdictValue;
  @TextColumn(8) shopify!: ComplianceVerdictValue;
  /** Why the verdicts are `unknown` (download or decode failed); retried by the next check. */
  @TextColumn(64, { nullable: true }) error!: string | null;
  @TimeColumn() checkedAt!: Date;
}
