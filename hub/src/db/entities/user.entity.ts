import { Entity, Index, PrimaryColumn } from 'typeorm';
import { TextColumn, TimeColumn } from '../columns.js';

@Entity('users')
export class UserRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @TextColumn(254) @Index({ unique: true }) email!: string;
  @TextColumn(100) name!: string;
  @TextColumn(255) passwordHash!: string;
  @TimeColumn() createdAt!: Date;
}
