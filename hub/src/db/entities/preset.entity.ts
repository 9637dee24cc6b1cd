import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, JsonColumn, TextColumn, TimeColumn } from '../columns.js';

/** A saved automation preset: an operation, its parameters and an optional task callback (secret sealed). */
@Entity('presets')
@Index(['organizationId', 'name'], { unique: true })
export class PresetRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @IdColumn() organizationId!: string;
  @TextColumn(100) name!: string;
  @TextColumn(64) operation!: string;
  @JsonColumn() params!: Record<string, unknown>;
  @TextColumn(2048, { nullable: true }) webhookUrl!: string | null;
  @JsonColumn({ nullable: true }) webhookEvents!: string[] | null;
  @Column({ type: 'text', nullable: true }) webhookSecretSealed!: string | null;
  @TimeColumn() createdAt!: Date;
  @TimeColumn() updatedAt!: Date;
}
