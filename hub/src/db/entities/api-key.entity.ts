import { Entity, Index, PrimaryColumn } from 'typeorm';
import type { KeyMode, Scope } from '@pixport/shared';
import { IdColumn, IntColumn, JsonColumn, TextColumn, TimeColumn } from '../columns.js';

@Entity('api_keys')
export class ApiKeyRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @IdColumn() @Index() organizationId!: string;
  @IdColumn({ nullable: true }) createdByUserId!: string | null;
  @TextColumn(100) name!: string;
  /** SHA-256 hex of the full key; the key itself is never stored. */
  @TextColumn(64) @Index({ unique: true }) keyHash!: string;
  @TextColumn(16) prefix!: string;
  @TextColumn(4) last4!: string;
  @TextColumn(8) mode!: KeyMode;
  @JsonColumn() scopes!: Scope[];
  @TimeColumn() createdAt!: Date;
  @TimeColumn({ nullable: true }) expiresAt!: Date | null;
  @TimeColumn({ nullable: true }) revokedAt!: Date | null;
  @IdColumn({ nullable: true }) replacedById!: string | null;
  @TimeColumn({ nullable: true }) lastUsedAt!: Date | null;
  @TextColumn(45, { nullable: true }) lastUsedIp!: string | null;
  @TextColumn(255, { nullable: true }) lastUsedUserAgent!: string | null;
  @TextColumn(16, { nullable: true }) lastUsedPlatform!: string | null;
  @IntColumn({ default: 0 }) requestCount!: number;
}
