import type { KeyStatus, KeySummary } from '@pixport/shared';
import type { ApiKeyRow } from '../db/entities/api-key.entity.js';
import { maskKey } from '../lib/api-key-format.js';

/** A key's status and its wire form, shared by key management and the key verifier. */
export function statusOf(key: Pick<ApiKeyRow, 'revokedAt' | 'expiresAt'>, now = Date.now()): KeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && key.expiresAt.getTime() <= now) return 'expired';
  return 'active';
}

export function toKeySummary(key: ApiKeyRow): KeySummary {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    last4: key.last4,
    masked: maskKey(key.prefix, key.last4),
    scopes: key.scopes,
    mode: key.mode,
    status: statusOf(key),
    created_at: key.createdAt.toISOString(),
    expires_at: key.expiresAt?.toISOString() ?? null,
    revoked_at: key.revokedAt?.toISOString() ?? null,
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    last_used_ip: key.lastUsedIp,
    last_used_user_agent: key.lastUsedUserAgent,
    last_used_platform: key.lastUsedPlatform,
    request_count: key.requestCount,
  };
}
