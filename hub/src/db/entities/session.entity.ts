import { Entity, PrimaryColumn } from 'typeorm';
import { IdColumn, TextColumn, TimeColumn } from '../columns.js';

/** A dashboard session. `id` is the SHA-256 of the cookie token; the token itself is never stored. */
@Entity('sessions')
export class SessionRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @IdColumn() userId!: string;
  @IdColumn() organizationId!: string;
  @TextColumn(64) csrfToken!: string;
  @TextColumn(45, { nullable: true }) ip!: string | null;
  @TextColumn(255, { nullable: true }) userAgent!: string | null;
  @TimeColumn() createdAt!: Date;
  @TimeColumn() expiresAt!: Date;
}
