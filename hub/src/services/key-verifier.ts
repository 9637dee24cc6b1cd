import type { DataSource } from 'typeorm';
import { ApiKeyRow } from '../db/entities/api-key.entity.js';
import { AppError } from '../errors.js';
import { parseApiKey } from '../lib/api-key-format.js';
import { safeEqual, sha256Hex } from '../lib/ids.js';
import { TtlCache } from '../lib/ttl-cache.js';
import { statusOf } from './api-key.dto.js';
import type { KeyPrincipal } from './principal.js';

type CachedKey = Pick<
  ApiKeyRow,
  'id' | 'keyHash' | 'organizationId' | 'scopes' | 'mode' | 'prefix' | 'last4' | 'revokedAt' | 'expiresAt'
>;

/**
 * Verifies API keys on every key-authenticated request: shape and checksum first (no database read
 * for malformed keys), then a small in-process cache with a short TTL, then the database by the
 * key's SHA-256 through a unique index. A key revoked in this process is dropped from the cache at
 * once; other processes see it within the TTL.
 */
export class KeyVerifier {
  private readonly cache: TtlCache<string, CachedKey | null>;

  constructor(
    private readonly db: DataSource,
    ttlMs: number,
  ) {
    this.cache = new TtlCache(ttlMs);
  }

  async verify(raw: string): Promise<KeyPrincipal> {
    if (!parseApiKey(raw)) {
      throw new AppError('invalid_api_key', 'The API key is malformed (wrong prefix, length or checksum).');
    }
    const hash = sha256Hex(raw);
    const key = await this.lookup(hash);
    if (!key || !safeEqual(key.keyHash, hash)) throw new AppError('invalid_api_key', 'Unknown API key.');
    const status = statusOf(key);
    if (status === 'revoked') throw new AppError('key_revoked', 'This API key was revoked.');
    if (status === 'expired') throw new AppError('key_expired', 'This API key has expired.');
    return {
      kind: 'key',
      keyId: key.id,
      keyHash: key.keyHash,
      organizationId: key.organizationId,
      scopes: key.scopes,
      mode: key.mode,
      prefix: key.prefix,
      last4: key.last4,
    };
  }

  invalidate(hash: string): void {
    this.cache.delete(hash);
  }

  private async lookup(hash: string): Promise<CachedKey | null> {
    const cached = this.cache.get(hash);
    if (cached !== undefined) return cached;
    const key = await this.db.getRepository(ApiKeyRow).findOne({
      where: { keyHash: hash },
      select: {
        id: true,
        keyHash: true,
        organizationId: true,
        scopes: true,
        mode: true,
        prefix: true,
        last4: true,
        revokedAt: true,
        expiresAt: true,
      },
    });
    this.cache.set(hash, key);
    return key;
  }
}
