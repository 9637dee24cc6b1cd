import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TextColumn, TimeColumn } from '../columns.js';

/**
 * One-time tokens of the app link: a `link_code` (a dashboard owner/admin links a shop to their
 * organization) or a `sign_in` token (a dashboard link for the shop's user). `id` is the SHA-256 of the
 * token; the token itself is never stored.
 */
@Entity('app_link_tokens')
@Index(['organizationId'])
export class AppLinkTokenRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @TextColumn(16) kind!: 'link_code' | 'sign_in';
  @IdColumn() organizationId!: string;
  /** link_code: who made it; sign_in: who it signs in. */
  @IdColumn() userId!: string;
  @TimeColumn() createdAt!: Date;
  @TimeColumn() expiresAt!: Date;
  @TimeColumn({ nullable: true }) usedAt!: Date | null;
}
