import { Entity, PrimaryColumn } from 'typeorm';
import { LongText, Time, Varchar } from '../columns.js';

/** One installed shop: its link to a hub organization and the hub keys the link issued (sealed). */
@Entity('shops')
export class ShopRow {
  @PrimaryColumn({ type: 'varchar', length: 255 }) shop!: string;
  @Varchar(16) status!: 'active' | 'uninstalled';
  @Varchar(64, { nullable: true }) hubOrganizationId!: string | null;
  @Varchar(64, { nullable: true }) hubIntegrationId!: string | null;
  @LongText({ nullable: true }) liveKeySealed!: string | null;
  @LongText({ nullable: true }) testKeySealed!: string | null;
  @LongText({ nullable: true }) scopes!: string | null;
  @Time({ nullable: true }) linkedAt!: Date | null;
  @Time({ nullable: true }) uninstalledAt!: Date | null;
  @Time({ nullable: true }) firstJobAt!: Date | null;
  @Time({ nullable: true }) firstPublishAt!: Date | null;
  @Time() createdAt!: Date;
  @Time() updatedAt!: Date;
}
