import { Entity, Index, PrimaryColumn } from 'typeorm';
import { BoolColumn, IdColumn, JsonColumn, TextColumn, TimeColumn } from '../columns.js';

export type InstallationStatus = 'active' | 'uninstalled';

/**
 * A shop that installed the Shopify app, and what the link made for it: the organization (provisioned
 * or linked), its Shopify integration, the app's two API keys and the shop's dashboard user.
 */
@Entity('app_installations')
@Index(['app', 'shop'], { unique: true })
@Index(['organizationId'])
export class AppInstallationRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @TextColumn(16) app!: 'shopify';
  @TextColumn(255) shop!: string;
  @IdColumn() organizationId!: string;
  @IdColumn() integrationId!: string;
  /** The link provisioned the organization: shop/redact then erases it whole. */
  @BoolColumn() createdOrganization!: boolean;
  /** The shop's dashboard user (no password; signed in by dashboard links only). */
  @IdColumn({ nullable: true }) userId!: string | null;
  @TextColumn(16) status!: InstallationStatus;
  @JsonColumn() scopes!: string[];
  @IdColumn({ nullable: true }) liveKeyId!: string | null;
  @IdColumn({ nullable: true }) testKeyId!: string | null;
  @TextColumn(100, { nullable: true }) shopName!: string | null;
  @TextColumn(254, { nullable: true }) email!: string | null;
  @TimeColumn() createdAt!: Date;
  @TimeColumn() updatedAt!: Date;
  @TimeColumn({ nullable: true }) uninstalledAt!: Date | null;
}
