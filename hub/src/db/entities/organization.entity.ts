import { Entity, PrimaryColumn } from 'typeorm';
import { IntColumn, TextColumn, TimeColumn } from '../columns.js';

@Entity('organizations')
export class OrganizationRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @TextColumn(100) name!: string;
  @TextColumn(32) plan!: string;
  @IntColumn() creditsBalance!: number;
  @TimeColumn() creditsPeriodStart!: Date;
  @TimeColumn() createdAt!: Date;
}
