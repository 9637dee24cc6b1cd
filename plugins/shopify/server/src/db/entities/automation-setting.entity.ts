import { Entity, PrimaryColumn } from 'typeorm';
import { Bool, Time, Varchar } from '../columns.js';

/** Per shop: process new or updated products with a preset, into review or straight to publish. */
@Entity('automation_settings')
export class AutomationSettingRow {
  @PrimaryColumn({ type: 'varchar', length: 255 }) shop!: string;
  @Bool() enabled!: boolean;
  @Varchar(64, { nullable: true }) presetId!: string | null;
  @Varchar(16) mode!: 'review' | 'publish';
  @Time() updatedAt!: Date;
}
