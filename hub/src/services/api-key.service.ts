import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { CreateKeyBody, CreatedKey, KeyMode, KeySummary, Scope } from '@pixport/shared';
import { ApiKeyRow } from '../db/entities/api-key.entity.js';
import { runInTransaction } from '../db/transaction.js';
import { AppError, notFound } from '../errors.js';
import { generateApiKey, maskKey } from '../lib/api-key-format.js';
import { newId } from '../lib/ids.js';
import type { AuditService } from './audit.service.js';
import { statusOf, toKeySummary } from './api-key.dto.js';
import type { KeyVerifier } from './key-verifier.js';
import { requireRole, type RequestMeta, type SessionPrincipal } from './principal.js';

/**
 * API key management. Only signed-in dashboard users reach it (routes refuse API keys), and every
 * query is scoped to the session's organization: another organization's key id is simply not found.
 */
export class ApiKeyService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly verifier: KeyVerifier,
  ) {}

  async create(principal: SessionPrincipal, input: CreateKeyBody, meta: RequestMeta): Promise<CreatedKey> {
    requireRole(principal, 'developer', 'create API keys');
    const created = await this.insertKey(principal, {
      name: input.name,
      scopes: [...new Set(input.scopes)],
      mode: input.mode,
      expiresAt: input.expires_at ? new Date(input.expires_at) : null,
    });
    await this.record(principal, 'key.created', created.row, meta, { mode: input.mode, scopes: created.row.scopes });
    return { ...toKeySummary(created.row), key: created.key };
  }

  async list(principal: SessionPrincipal): Promise<KeySummary[]> {
    const rows = await this.db
      .getRepository(ApiKeyRow)
      .find({ where: { organizationId: principal.organizationId }, order: { createdAt: 'DESC' } });
    return rows.map(toKeySummary);
  }

  /**
   * A new key with the same name, scopes, mode and expiry. The old key stops now (grace 0: revoked)
   * or at now + grace (its expiry moves up; it keeps working until then).
   */
  async rotate(principal: SessionPrincipal, id: string, graceSeconds: number, meta: RequestMeta) {
    requireRole(principal, 'developer', 'rotate API keys');
    const old = await this.find(principal, id);
    const status = statusOf(old);
    if (status !== 'active') throw new AppError('conflict', `This key is ${status}; only active keys can be rotated.`);
    const now = new Date();
    const created = await runInTransaction(this.db, async (manager) => {
      const fresh = await this.insertKey(
        principal,
        { name: old.name, scopes: old.scopes, mode: old.mode, expiresAt: old.expiresAt },
        manager.getRepository(ApiKeyRow),
      );
      const change =
        graceSeconds === 0
          ? { revokedAt: now, replacedById: fresh.row.id }
          : { expiresAt: earliest(old.expiresAt, new Date(now.getTime() + graceSeconds * 1000)), replacedById: fresh.row.id };
      await manager.getRepository(ApiKeyRow).update({ id: old.id }, change);
      Object.assign(old, change);
      return fresh;
    });
    this.verifier.invalidate(old.keyHash);
    await this.record(principal, 'key.rotated', old, meta, { grace_seconds: graceSeconds, new_key_id: created.row.id });
    return { key: { ...toKeySummary(created.row), key: created.key }, previous: toKeySummary(old) };
  }

  async update(principal: SessionPrincipal, id: string, input: { name?: string; active?: boolean }, meta: RequestMeta) {
    requireRole(principal, 'developer', 'change API keys');
    const key = await this.find(principal, id);
    if (input.active === true && key.revokedAt) {
      throw new AppError('conflict', 'A revoked key cannot be reactivated; create or rotate to a new key.');
    }
    const change: Partial<ApiKeyRow> = {};
    if (input.name !== undefined) change.name = input.name;
    if (input.active === false && !key.revokedAt) change.revokedAt = new Date();
    if (Object.keys(change).length > 0) {
      await this.db.getRepository(ApiKeyRow).update({ id: key.id }, change);
      Object.assign(key, change);
    }
    if (change.revokedAt) {
      this.verifier.invalidate(key.keyHash);
      await this.record(principal, 'key.revoked', key, meta);
    } else if (change.name) {
      await this.record(principal, 'key.renamed', key, meta, { name: change.name });
    }
    return toKeySummary(key);
  }

  async remove(principal: SessionPrincipal, id: string, meta: RequestMeta): Promise<void> {
    requireRole(principal, 'developer', 'delete API keys');
    const key = await this.find(principal, id);
    await this.db.getRepository(ApiKeyRow).delete({ id: key.id, organizationId: principal.organizationId });
    this.verifier.invalidate(key.keyHash);
    await this.record(principal, 'key.deleted', key, meta);
  }

  /**
   * A key the hub issues on an organization's behalf (the Shopify app link), in the caller's
   * transaction; audited by the caller. Returns its id and the full key (shown once).
   */
  async issueSystemKey(
    manager: EntityManager,
    organizationId: string,
    settings: { name: string; scopes: Scope[]; mode: KeyMode; createdByUserId: string | null },
  ): Promise<{ id: string; key: string }> {
    const { row, key } = await this.insertKey(
      { organizationId, userId: settings.createdByUserId },
      { ...settings, expiresAt: null },
      manager.getRepository(ApiKeyRow),
    );
    return { id: row.id, key };
  }

  /**
   * Revokes these keys of the organization (other organizations' ids are ignored) in the caller's
   * transaction and returns their hashes: pass them to `forget` once it committed.
   */
  async revokeKeys(manager: EntityManager, organizationId: string, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const keys = await manager.getRepository(ApiKeyRow).findBy({ organizationId, id: In(ids), revokedAt: IsNull() });
    if (keys.length === 0) return [];
    await manager.getRepository(ApiKeyRow).update({ organizationId, id: In(keys.map((key) => key.id)) }, { revokedAt: new Date() });
    return keys.map((key) => key.keyHash);
  }

  /** Drops keys from this process's verification cache (other processes' caches lapse within KEY_CACHE_TTL_MS). */
  forget(hashes: string[]): void {
    for (const hash of hashes) this.verifier.invalidate(hash);
  }

  private async find(principal: SessionPrincipal, id: string): Promise<ApiKeyRow> {
    const key = await this.db.getRepository(ApiKeyRow).findOneBy({ id, organizationId: principal.organizationId });
    if (!key) throw notFound('API key');
    return key;
  }

  private async insertKey(
    principal: Pick<SessionPrincipal, 'organizationId'> & { userId: string | null },
    settings: { name: string; scopes: Scope[]; mode: KeyMode; expiresAt: Date | null },
    repository = this.db.getRepository(ApiKeyRow),
  ) {
    const generated = generateApiKey(settings.mode);
    const row = repository.create({
      id: newId('key'),
      organizationId: principal.organizationId,
      createdByUserId: principal.userId,
      name: settings.name,
      keyHash: generated.hash,
      prefix: generated.prefix,
      last4: generated.last4,
      mode: settings.mode,
      scopes: settings.scopes,
      createdAt: new Date(),
      expiresAt: settings.expiresAt,
      revokedAt: null,
      replacedById: null,
      lastUsedAt: null,
      lastUsedIp: null,
      lastUsedUserAgent: null,
      lastUsedPlatform: null,
      requestCount: 0,
    });
    await repository.insert(row);
    return { row, key: generated.key };
  }

  private record(
    principal: SessionPrincipal,
    action: string,
    key: ApiKeyRow,
    meta: RequestMeta,
    metadata: Record<string, unknown> = {},
  ) {
    return this.audit.record({
      organizationId: principal.organizationId,
      action,
      actorUserId: principal.userId,
      targetType: 'api_key',
      targetId: key.id,
      ip: meta.ip,
      metadata: { name: key.name, masked: maskKey(key.prefix, key.last4), ...metadata },
    });
  }
}

function earliest(a: Date | null, b: Date): Date {
  return a && a.getTime() < b.getTime() ? a : b;
}
