import type { DataSource, EntityManager } from 'typeorm';
import type { AuditEvent } from '@pixport/shared';
import { AuditEventRow } from '../db/entities/audit-event.entity.js';
import { newId } from '../lib/ids.js';
import { newestFirstPage } from '../lib/cursor.js';
import { actorOf, type Principal, type SessionPrincipal } from './principal.js';

export interface AuditInput {
  organizationId: string;
  action: string;
  actorUserId?: string | null;
  actorKeyId?: string | null;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  metadata?: Record<string, unknown>;
}

/** Append-only record of security-relevant actions (keys, sign-ins, members). */
export class AuditService {
  constructor(private readonly db: DataSource) {}

  /** `manager`: inside a caller's transaction (the entry commits or rolls back with it). */
  async record(input: AuditInput, manager?: EntityManager): Promise<void> {
    await (manager ?? this.db.manager).getRepository(AuditEventRow).insert({
      id: newId('aud'),
      organizationId: input.organizationId,
      actorUserId: input.actorUserId ?? null,
      actorKeyId: input.actorKeyId ?? null,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      ip: input.ip ?? null,
      // JSON text column: TypeORM's deep-partial type cannot express `unknown` values.
      metadata: (input.metadata ?? {}) as never,
      createdAt: new Date(),
    });
  }

  /** Records what `principal` (a signed-in user or an API key) did in its organization. */
  recordFor(principal: Principal, entry: Omit<AuditInput, 'organizationId' | 'actorUserId' | 'actorKeyId'>): Promise<void> {
    const actor = actorOf(principal);
    return this.record({ ...entry, organizationId: principal.organizationId, actorUserId: actor.userId, actorKeyId: actor.keyId });
  }

  async list(principal: SessionPrincipal, query: { cursor?: string; limit: number }) {
    const builder = this.db
      .getRepository(AuditEventRow)
      .createQueryBuilder('e')
      .where('e.organization_id = :org', { org: principal.organizationId });
    const { rows, next_cursor } = await newestFirstPage(builder, 'e', query);
    return { data: rows.map(toAuditEvent), next_cursor };
  }
}

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    action: row.action,
    actor: { user_id: row.actorUserId, key_id: row.actorKeyId },
    target_type: row.targetType,
    target_id: row.targetId,
    ip: row.ip,
    metadata: row.metadata,
    created_at: row.createdAt.toISOString(),
  };
}
