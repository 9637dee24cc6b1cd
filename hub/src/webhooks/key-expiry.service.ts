import { Between, IsNull, type DataSource } from 'typeorm';
import { ApiKeyRow } from '../db/entities/api-key.entity.js';
import { maskKey } from '../lib/api-key-format.js';
import type { WebhookDispatcher } from './dispatcher.service.js';

/** Keys expiring this soon are announced (`key.expiring`). */
export const KEY_EXPIRY_NOTICE_MS = 7 * 24 * 3600_000;

/**
 * Publishes `key.expiring` for every active key that expires within 7 days, once per key and expiry
 * (the event's source id; a key given a new expiry is announced again). Returns how many were new.
 */
export async function announceExpiringKeys(db: DataSource, dispatcher: WebhookDispatcher, now = new Date()): Promise<number> {
  const keys = await db.getRepository(ApiKeyRow).find({
    where: { revokedAt: IsNull(), expiresAt: Between(now, new Date(now.getTime() + KEY_EXPIRY_NOTICE_MS)) },
    select: { id: true, organizationId: true, name: true, prefix: true, last4: true, expiresAt: true },
    take: 1000,
  });
  let announced = 0;
  for (const key of keys) {
    const expiresAt = key.expiresAt!.toISOString();
    const published = await dispatcher.publish({
      organizationId: key.organizationId,
      type: 'key.expiring',
      sourceId: `key.expiring:${key.id}:${expiresAt}`,
      fields: { key_id: key.id, name: key.name, masked: maskKey(key.prefix, key.last4), expires_at: expiresAt },
    });
    if (published) announced += 1;
  }
  return announced;
}
