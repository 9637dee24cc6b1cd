import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TextColumn, TimeColumn } from '../columns.js';
import type { Role } from '@pixport/shared';

@Entity('memberships')
@Index(['organizationId', 'userId'], { unique: true })
export class MembershipRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @IdColumn() organizationId!: string;
  @IdColumn() @Index() userId!: string;
  @TextColumn(16) role!: Role;
  @TimeColumn() createdAt!: Date;
}
