import type { DataSource } from 'typeorm';
import { ApiKeyRow } from '../db/entities/api-key.entity.js';
import { MembershipRow } from '../db/entities/membership.entity.js';
import { AppError } from '../errors.js';
import { statusOf } from './api-key.dto.js';
import type { Principal } from './principal.js';

/** Who started a background run: a key of the organization, or a member. */
export interface Actor {
  organizationId: string;
  keyId: string | null;
  userId: string | null;
}

/**
 * The principal a background run acts as, read again each time it (re)starts: the key as it is now
 * (a revoked or expired key stops the run), or the member with their current role (one who left
 * stops it). Session-only fields are empty: no HTTP request is behind it.
 */
export async function actingPrincipal(db: DataSource, actor: Actor): Promise<Principal> {
  const { organizationId } = actor;
  if (actor.keyId) {
    const key = await db.getRepository(ApiKeyRow).findOneBy({ id: actor.keyId, organizationId });
    if (!key) throw new AppError('invalid_api_key', 'The API key that started this run was deleted.');
    const status = statusOf(key);
    if (status === 'revoked')
      throw new AppError('key_revoked', 'The API key that started this run was revoked.');
    if (status === 'expired')
      throw new AppError('key_expired', 'The API key that started this run has expired.');
    const { id: keyId, keyHash, scopes, mode, prefix, last4 } = key;
    return { kind: 'key', keyId, keyHash, organizationId, scopes, mode, prefix, last4 };
  }
  const membership = actor.userId
    ? await db.getRepository(MembershipRow).findOneBy({ organizationId, userId: actor.userId })
    : null;
  if (!membership)
    throw new AppError('forbidden', 'The member who started this run is no longer in the organization.');
  return {
    kind: 'session',
    sessionId: '',
    csrfToken: '',
    userId: membership.userId,
    organizationId,
    role: membership.role,
  };
}
