import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IntColumn } from '../columns.js';

/**
 * A token bucket shared by every hub process (per-key rate limits). Processes take tokens in small
 * leases (`granted` is the size of the last one), so a request rarely needs a database write.
 */
@Entity('rate_limit_buckets')
export class RateLimitBucketRow {
  @PrimaryColumn({ type: 'varchar', length: 191 }) bucket!: string;
  @Column({ type: 'double' }) tokens!: number;
  /** Epoch milliseconds of the last refill. */
  @Column({ type: 'bigint' }) updatedAt!: string;
  @IntColumn() granted!: number;
}
