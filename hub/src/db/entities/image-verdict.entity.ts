import { Entity, PrimaryColumn } from 'typeorm';
import type { ComplianceVerdictValue } from '@pixport/shared';
import { JsonColumn, TextColumn, TimeColumn } from '../columns.js';

/** The compliance verdicts of one image content within an integration: each content is checked once. */
@Entity('image_verdicts')
export class ImageVerdictRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) integrationId!: string;
  /** SHA-256 of the image bytes. */
  @PrimaryColumn({ type: 'varchar', length: 64 }) contentHash!: string;
  @TextColumn(8) amazon!: ComplianceVerdictValue;
  @TextColumn(8) google!: ComplianceVerdictValue;
  @TextColumn(8) shopify!: ComplianceVerdictValue;
  /** The rules each marketplace failed (names, for the merchant). */
  @JsonColumn() failures!: Record<string, string[]>;
  @TimeColumn() checkedAt!: Date;
}
