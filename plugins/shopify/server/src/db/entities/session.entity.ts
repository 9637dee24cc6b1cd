import { Entity, Index, PrimaryColumn } from 'typeorm';
import { Bool, LongText, Time, Varchar } from '../columns.js';

/** A Shopify session (the library's Session), tokens sealed with AES-256-GCM. */
@Entity('shopify_sessions')
export class SessionRow {
  @PrimaryColumn({ type: 'varchar', length: 255 }) id!: string;
  @Index() @Varchar(255) shop!: string;
  @Varchar(255) state!: string;
  @Bool() isOnline!: boolean;
  @LongText({ nullable: true }) scope!: string | null;
  @Time({ nullable: true }) expires!: Date | null;
  @LongText({ nullable: true }) accessTokenSealed!: string | null;
  @LongText({ nullable: true }) refreshTokenSealed!: string | null;
  @Time({ nullable: true }) refreshTokenExpires!: Date | null;
  @LongText({ nullable: true }) onlineAccessInfo!: string | null;
  @Time() updatedAt!: Date;
}
