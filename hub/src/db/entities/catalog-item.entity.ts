import { Entity, Index, PrimaryColumn } from 'typeorm';
import type { ProductImage, ProductVariant } from '@pixport/marketplace';
import { IdColumn, JsonColumn, TextColumn, TimeColumn } from '../columns.js';

/** A product of an integration's synced catalog (the preview the dashboard and bulk processing read). */
@Entity('catalog_items')
@Index(['integrationId', 'productId'], { unique: true })
@Index(['integrationId', 'updatedAt'])
@Index(['organizationId', 'updatedAt'])
export class CatalogItemRow {
  /** Derived from integration and product id, so a re-sync updates the same row. */
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @IdColumn() organizationId!: string;
  @IdColumn() integrationId!: string;
  @TextColumn(255) productId!: string;
  @TextColumn(255) title!: string;
  @JsonColumn() skus!: string[];
  @JsonColumn() variants!: ProductVariant[];
  @JsonColumn() images!: ProductImage[];
  /** The marketplace's last change. */
  @TimeColumn() updatedAt!: Date;
  @TimeColumn() syncedAt!: Date;
}
