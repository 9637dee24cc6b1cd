import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TextColumn, TimeColumn } from '../columns.js';

/**
 * Image content a bulk run already processed with given parameters (and the outputs it made, so a
 * published output is not processed again): bulk runs skip an image whose (parameters, content) is here.
 */
@Entity('processed_images')
@Index(['organizationId', 'paramsHash', 'contentHash'], { unique: true })
export class ProcessedImageRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @IdColumn() organizationId!: string;
  /** SHA-256 of the operation and its expanded parameters. */
  @TextColumn(64) paramsHash!: string;
  /** SHA-256 of the image bytes. */
  @TextColumn(64) contentHash!: string;
  /** `input`: an original that was processed; `output`: what processing made (e.g. now on the product). */
  @TextColumn(8) role!: 'input' | 'output';
  @IdColumn() resultId!: string;
  @TimeColumn() createdAt!: Date;
}
