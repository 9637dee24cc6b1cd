import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ProductImage, ProductVariant } from '@pixport/marketplace';
import { IdColumn, JsonColumn, TextColumn, TimeColumn } from '../columns.js';

export type CatalogProductStatus = 'active' | 'draft' | 'archived';

/** A product of an integration's synced catalog (the preview the dashboard and bulk processing read). */
@Entity('catalog_items')
@Index(['integrationId', 'productId'], { unique: true })
@Index(['integrationId', 'updatedAt'])
@Index(['organizationId', 'updatedAt'])
@Index(['integrationId', 'vendor', 'updatedAt'])
@Index(['integrationId', 'productType', 'updatedAt'])
@Index(['integrationId', 'status', 'updatedAt'])
export class CatalogItemRow {
  /** Derived from integration and product id, so a re-sync updates the same row. */
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @IdColumn() organizationId!: string;
  @IdColumn() integrationId!: string;
  @TextColumn(255) productId!: string;
  @TextColumn(255) title!: string;
  @TextColumn(255, { nullable: true }) vendor!: string | null;
  @TextColumn(255, { nullable: true }) productType!: string | null;
  @TextColumn(16, { nullable: true }) status!: CatalogProductStatus | null;
  /** `[{ id, title }]` (the rows of catalog_item_collections are what filters use). */
  @JsonColumn({ nullable: true }) collections!: Array<{ id: string; title: string }> | null;
  @JsonColumn() skus!: string[];
  @JsonColumn() variants!: ProductVariant[];
  @JsonColumn() images!: ProductImage[];
  /**
   * Compliance of the product per marketplace as bit masks (1 amazon, 2 google, 4 shopify), written
   * by the compliance check: `fails` an image fails, `passes` every image it considers passed.
   */
  @Column({ type: 'int', default: 0 }) complianceFails!: number;
  @Column({ type: 'int', default: 0 }) compliancePasses!: number;
  /** The marketplace's last change. */
  @TimeColumn() updatedAt!: Date;
  @TimeColumn() syncedAt!: Date;
}

