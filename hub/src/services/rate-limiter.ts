import type { DataSource } from 'typeorm';
import type { KeyMode } from '@pixport/shared';
import { planNumbers } from '../billing.js';
import { dialectOf } from '../db/data-source.js';

/** What one request got: allowed or not, and the numbers behind the rate-limit headers. */
export interface RateDecision {
  allowed: boolean;
  /** Requests per window (the bucket's capacity). */
  limit: number;
  windowSeconds: number;
  /** Requests left now (approximate across processes). */
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds until one request is allowed again (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimiterOptions {
  /** How long a process may keep tokens it took before giving the rest back (ms). */
  leaseMs?: number;
  /** Tokens a process takes at once, as a share of the capacity (at least 1). */
  leaseShare?: number;
}

interface Lease {
  /** Tokens this process holds and may spend without asking the database. */
  tokens: number;
  expiresAt: number;
  /** Tokens left in the shared bucket after this process's last claim. */
  shared: number;
  claimedAt: number;
  deniedUntil: number;
  limit: number;
  claiming?: Promise<void>;
}

const WINDOW_SECONDS = 60;

/** Requests per minute a key may make: its organization's plan (test keys have their own, lower number), scaled by config. */
export function keyRateLimit(plan: string, mode: KeyMode, scale: number): number {
  const numbers = planNumbers(plan);
  const perMinute = mode === 'test' ? numbers.test_rate_limit_per_minute : numbers.rate_limit_per_minute;
  return Math.max(1, Math.round(perMinute * scale));
}

/**
 * Token buckets shared by every hub process, in the hub's own database (no Redis to run): capacity
 * `limit` (the burst: a whole minute's quota), refilled continuously at `limit` per minute.
 *
 * A process does not write the database per request. It claims a small lease of tokens (1/20 of the
 * capacity, fewer when the bucket runs low) in one atomic statement and spends them locally; unused
 * tokens go back with its next claim, and a lease lasts one second. So the limit is never exceeded
 * across processes, and a request costs a database round trip only once per lease. The price: a
 * process may hold back up to one lease another process could have used (a 5 % stricter limit at
 * worst), and `remaining` is what this process knows.
 */
export class RateLimiter {
  private readonly leases = new Map<string, Lease>();
  private readonly leaseMs: number;
  private readonly leaseShare: number;
  private readonly claimSql: string;
  private readonly readSql = 'SELECT tokens, granted FROM rate_limit_buckets WHERE bucket = ?';
  private readonly sqlite: boolean;

  constructor(
    private readonly db: DataSource,
    options: RateLimiterOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 1000;
    this.leaseShare = options.leaseShare ?? 1 / 20;
    this.sqlite = dialectOf(db) === 'sqlite';
    this.claimSql = claimStatement(this.sqlite);
  }

  /** Takes one request from `bucket` (capacity `limit` per minute). */
  async take(bucket: string, limit: number): Promise<RateDecision> {
    let lease = this.leases.get(bucket);
    if (!lease || lease.limit !== limit) {
      lease = { tokens: 0, expiresAt: 0, shared: limit, claimedAt: 0, deniedUntil: 0, limit };
      this.leases.set(bucket, lease);
      if (this.leases.size > 50_000) this.leases.delete(this.leases.keys().next().value!);
    }
    for (;;) {
      const now = Date.now();
      if (lease.tokens >= 1 && lease.expiresAt > now) {
        lease.tokens -= 1;
        return this.decision(lease, true, now);
      }
      if (lease.deniedUntil > now) return this.decision(lease, false, now);
      lease.claiming ??= this.claim(bucket, lease).finally(() => {
        lease.claiming = undefined;
      });
      await lease.claiming;
    }
  }

  /** One atomic claim: refill the shared bucket, give back this process's unused tokens, take a lease. */
  private async claim(bucket: string, lease: Lease): Promise<void> {
    const now = Date.now();
    const limit = lease.limit;
    const perMs = limit / (WINDOW_SECONDS * 1000);
    const chunk = Math.max(1, Math.floor(limit * this.leaseShare));
    const returned = Math.max(0, Math.floor(lease.tokens));
    const first = Math.min(chunk, limit);
    const available = [limit, now, perMs, returned];
    const params = [bucket, limit - first, now, first, chunk, ...available, ...available, chunk, ...available, now];
    const row = await this.run(params, bucket);
    lease.tokens = row.granted;
    lease.shared = row.tokens;
    lease.claimedAt = now;
    lease.expiresAt = now + this.leaseMs;
    lease.deniedUntil = row.granted === 0 ? now + Math.ceil((1 - row.tokens) / perMs) : 0;
  }

  private async run(params: Array<string | number>, bucket: string): Promise<{ tokens: number; granted: number }> {
    const toRow = (rows: Array<{ tokens: number | string; granted: number | string }>) => ({
      tokens: Math.max(0, Number(rows[0]!.tokens)),
      granted: Number(rows[0]!.granted),
    });
    if (this.sqlite) return toRow(await this.db.query(this.claimSql, params));
    // MySQL/MariaDB: no RETURNING on upserts; the row stays locked until the commit, so the read sees this claim.
    const runner = this.db.createQueryRunner();
    try {
      await runner.startTransaction();
      try {
        await runner.query(this.claimSql, params);
        const rows = await runner.query(this.readSql, [bucket]);
        await runner.commitTransaction();
        return toRow(rows);
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  private decision(lease: Lease, allowed: boolean, now: number): RateDecision {
    const perSecond = lease.limit / WINDOW_SECONDS;
    const elapsed = Math.max(0, now - lease.claimedAt) / 1000;
    const left = Math.min(lease.limit, lease.shared + lease.tokens + elapsed * perSecond);
    return {
      allowed,
      limit: lease.limit,
      windowSeconds: WINDOW_SECONDS,
      remaining: Math.max(0, Math.floor(left)),
      resetSeconds: Math.max(0, Math.ceil((lease.limit - left) / perSecond)),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((lease.deniedUntil - now) / 1000)),
    };
  }
}

/**
 * The claim as one upsert, written once for both dialects. `available` = the bucket refilled since
 * its last update plus what the process gives back, capped at the capacity; `granted` = the lease
 * (whole tokens, at most a chunk). Every assignment reads the row's previous values (SQLite by
 * definition; MySQL evaluates left to right, so `updated_at` is assigned last and `tokens` after
 * `granted` repeats the expression rather than reading the new `granted`).
 * Parameters: bucket, tokens and granted of a new bucket, now; then chunk + available ×2, chunk + available; now.
 */
function claimStatement(sqlite: boolean): string {
  const [least, greatest, floor] = sqlite ? ['MIN', 'MAX', 'CAST(%s AS INTEGER)'] : ['LEAST', 'GREATEST', 'FLOOR(%s)'];
  const available = `${least}(?, tokens + ${greatest}(0, ? - updated_at) * ? + ?)`;
  const granted = `${least}(?, ${floor.replace('%s', available)})`;
  const insert = 'INSERT INTO rate_limit_buckets (bucket, tokens, updated_at, granted) VALUES (?, ?, ?, ?)';
  const assignments = `granted = ${granted}, tokens = ${available} - ${granted}, updated_at = ${greatest}(updated_at, ?)`;
  return sqlite
    ? `${insert} ON CONFLICT(bucket) DO UPDATE SET ${assignments} RETURNING tokens, granted`
    : `${insert} ON DUPLICATE KEY UPDATE ${assignments}`;
}
