import { Entity, PrimaryColumn } from 'typeorm';
import { Json, Time, Varchar } from '../columns.js';

/**
 * Loop-safety for automation: the media ids of a product the app has already handled (processed as originals,
 * or published itself). A products/update whose media are all in this set is the app's own change.
 */
@Entity('product_fingerprints')
export class ProductFingerprintRow {
  @PrimaryColumn({ type: 'varchar', length: 255 }) shop!: string;
  @PrimaryColumn({ type: 'varchar', length: 255 }) productId!: string;
  @Json() knownMediaIds!: string[];
  @Varchar(64) fingerprint!: string;
  @Time() updatedAt!: Date;
}
