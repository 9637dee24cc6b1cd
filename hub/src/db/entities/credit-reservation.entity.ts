import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, IntColumn, TextColumn, TimeColumn } from '../columns.js';

export type ReservationStatus = 'reserved' | 'captured' | 'released';

/** Credits held for an async task from its submission (202) until it succeeds (captured) or not (released). */
@Entity('credit_reservations')
@Index(['status', 'createdAt'])
export class CreditReservationRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @IdColumn() organizationId!: string;
  @IdColumn() @Index({ unique: true }) taskId!: string;
  @TextColumn(64) operation!: string;
  @IntColumn() amount!: number;
  @TextColumn(16) status!: ReservationStatus;
  @TimeColumn() createdAt!: Date;
  @TimeColumn({ nullable: true }) settledAt!: Date | null;
}
