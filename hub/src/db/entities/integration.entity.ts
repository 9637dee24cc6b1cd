import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { IntegrationMarketplace, MarketplaceFailure } from '@pixport/shared';
import { IdColumn, JsonColumn, TextColumn, TimeColumn } from '../columns.js';

export type IntegrationStatus = 'unverified' | 'verified' | 'invalid' | 'paused';

/**
 * An organization's connection to a marketplace. The credentials are sealed with the SecretBox
 * (bound to this row); `credentialsMasked` is what the API shows instead.
 */
@Entity('integrations')
@Index(['organizationId', 'createdAt'])
export class IntegrationRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @IdColumn() organizationId!: string;
  @TextColumn(32) marketplace!: IntegrationMarketplace;
  @TextColumn(100) name!: string;
  @Column({ type: 'text' }) credentialsSealed!: string;
  @JsonColumn() credentialsMasked!: Record<string, string>;
  @TextColumn(16) status!: IntegrationStatus;
  @TextColumn(255, { nullable: true }) account!: string | null;
  @TimeColumn({ nullable: true }) verifiedAt!: Date | null;
  @JsonColumn({ nullable: true }) lastError!: MarketplaceFailure | null;
  @TimeColumn() createdAt!: Date;
  @TimeColumn() updatedAt!: Date;
}
