import type { DataSource } from 'typeorm';
import { ApiKeyRow } from '../db/entities/api-key.entity.js';
import { SerialFlusher } from '../lib/serial-flusher.js';
import type { Logger } from '../logger.js';

interface Activity {
  at: Date;
  ip: string | null;
  userAgent: string | null;
  platform: string;
  requests: number;
}

/**
 * `last_used_*` and request counts of API keys, coalesced in memory and written behind the
 * requests (one UPDATE per key per flush), so no request waits on it.
 */
export class KeyActivityTracker {
  private pending = new Map<string, Activity>();
  private readonly flusher: SerialFlusher;

  constructor(
    private readonly db: DataSource,
    private readonly logger: Logger,
    intervalMs = 1000,
  ) {
    this.flusher = new SerialFlusher(() => this.write(), intervalMs);
  }

  note(keyId: string, activity: Omit<Activity, 'requests'>): void {
    const previous = this.pending.get(keyId);
    this.pending.set(keyId, { ...activity, requests: (previous?.requests ?? 0) + 1 });
  }

  pendingRequests(keyId: string): number {
    return this.pending.get(keyId)?.requests ?? 0;
  }

  flush(): Promise<void> {
    return this.flusher.flush();
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    for (const [keyId, activity] of batch) {
      try {
        await this.db
          .getRepository(ApiKeyRow)
          .createQueryBuilder()
          .update()
          .set({
            lastUsedAt: activity.at,
            lastUsedIp: activity.ip,
            lastUsedUserAgent: activity.userAgent?.slice(0, 255) ?? null,
            lastUsedPlatform: activity.platform,
            requestCount: () => `request_count + ${Math.trunc(activity.requests)}`,
          })
          .where('id = :keyId', { keyId })
          .execute();
      } catch (error) {
        this.logger.error({ err: error, key_id: keyId }, 'could not record key activity');
      }
    }
  }

  close(): Promise<void> {
    return this.flusher.close();
  }
}
