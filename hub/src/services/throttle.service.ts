import type { DataSource } from 'typeorm';
import { dialectOf } from '../db/data-source.js';
import { isUniqueViolation } from '../db/unique-violation.js';

/**
 * Fixed-window counters in the database, so every hub process shares them. One upsert per hit:
 * a window that has ended restarts at 1.
 */
export class ThrottleService {
  private readonly upsert: string;
  private readonly hold: string;

  constructor(private readonly db: DataSource) {
    this.upsert =
      dialectOf(db) === 'sqlite'
        ? `INSERT INTO throttle_counters (bucket, count, window_ends_at) VALUES (?, 1, ?)
           ON CONFLICT(bucket) DO UPDATE SET
             count = CASE WHEN window_ends_at <= ? THEN 1 ELSE count + 1 END,
             window_ends_at = CASE WHEN window_ends_at <= ? THEN excluded.window_ends_at ELSE window_ends_at END`
        : `INSERT INTO throttle_counters (bucket, count, window_ends_at) VALUES (?, 1, ?)
           ON DUPLICATE KEY UPDATE
             count = IF(window_ends_at <= ?, 1, count + 1),
             window_ends_at = IF(window_ends_at <= ?, VALUES(window_ends_at), window_ends_at)`;
    this.hold =
      dialectOf(db) === 'sqlite'
        ? `INSERT INTO throttle_counters (bucket, count, window_ends_at) VALUES (?, 1, ?)
           ON CONFLICT(bucket) DO UPDATE SET window_ends_at = excluded.window_ends_at`
        : `INSERT INTO throttle_counters (bucket, count, window_ends_at) VALUES (?, 1, ?)
           ON DUPLICATE KEY UPDATE window_ends_at = VALUES(window_ends_at)`;
  }

  /** Counts one hit; returns the count in the current window and when it ends. */
  async hit(bucket: string, windowMs: number): Promise<{ count: number; resetAt: number }> {
    const now = Date.now();
    await this.db.query(this.upsert, [bucket, now + windowMs, now, now]);
    return this.peek(bucket);
  }

  /**
   * Reserves one attempt against `limit` before the work it guards (a password hash) starts: the
   * increment is one atomic upsert, and the count read after it is at least this request's place in
   * the window, so however many run at once at most `limit` are allowed. Refused attempts count too.
   */
  async reserve(bucket: string, windowMs: number, limit: number): Promise<{ allowed: boolean; count: number; resetAt: number }> {
    const { count, resetAt } = await this.hit(bucket, windowMs);
    return { allowed: count <= limit, count, resetAt };
  }

  /**
   * True for the first caller in `windowMs` (a notification sent once per window): a plain INSERT
   * that the primary key lets only one caller win, after removing a claim whose window ended.
   */
  async claimOnce(bucket: string, windowMs: number): Promise<boolean> {
    const now = Date.now();
    await this.db.query('DELETE FROM throttle_counters WHERE bucket = ? AND window_ends_at <= ?', [bucket, now]);
    try {
      await this.db.query('INSERT INTO throttle_counters (bucket, count, window_ends_at) VALUES (?, 1, ?)', [bucket, now + windowMs]);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Marks `bucket` as held until `until` (epoch ms), a later hold replacing an earlier one. */
  async holdUntil(bucket: string, until: number): Promise<void> {
    await this.db.query(this.hold, [bucket, until]);
  }

  async peek(bucket: string): Promise<{ count: number; resetAt: number }> {
    const rows: Array<{ count: number | string; window_ends_at: number | string }> = await this.db.query(
      'SELECT count, window_ends_at FROM throttle_counters WHERE bucket = ?',
      [bucket],
    );
    const row = rows[0];
    const resetAt = Number(row?.window_ends_at ?? 0);
    if (!row || resetAt <= Date.now()) return { count: 0, resetAt: 0 };
    return { count: Number(row.count), resetAt };
  }

  async reset(bucket: string): Promise<void> {
    await this.db.query('DELETE FROM throttle_counters WHERE bucket = ?', [bucket]);
  }
}
