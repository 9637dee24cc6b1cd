import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TextColumn } from '../columns.js';

/** A synced product's membership of a collection (WooCommerce: category): what the collection filter and facets read. */
@Entity('catalog_item_collections')
@Index(['integrationId', 'collectionId'])
@Index(['collectionId', 'itemId'])
export class CatalogItemCollectionRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) itemId!: string;
  @PrimaryColumn({ type: 'varchar', length: 255 }) collectionId!: string;
  @IdColumn() integrationId!: string;
  @TextColumn(255) title!: string;
}
