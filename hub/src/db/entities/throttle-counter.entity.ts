import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IntColumn } from '../columns.js';

/** Fixed-window counters shared by every process (sign-in throttling). */
@Entity('throttle_counters')
export class ThrottleCounterRow {
  @PrimaryColumn({ type: 'varchar', length: 191 }) bucket!: string;
  @IntColumn() count!: number;
  /** Epoch milliseconds. */
  @Column({ type: 'bigint' }) windowEndsAt!: string;
}
