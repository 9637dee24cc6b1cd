import crypto from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { SessionRow } from '../db/entities/session.entity.js';
import { MembershipRow } from '../db/entities/membership.entity.js';
import { sha256Hex } from '../lib/ids.js';
import type { RequestMeta, SessionPrincipal } from './principal.js';

export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * Dashboard sessions stored in the database (any hub process can serve any request). The cookie
 * holds a random token; the table holds only its SHA-256.
 */
export class SessionService {
  constructor(
    private readonly db: DataSource,
    private readonly ttlMs: number,
  ) {}

  /** `manager`: inside a caller's transaction (sign-up issues its session with the user). */
  async issue(userId: string, organizationId: string, meta: RequestMeta, manager?: EntityManager): Promise<IssuedSession> {
    const token = crypto.randomBytes(32).toString('base64url');
    const csrfToken = crypto.randomBytes(24).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    await (manager ?? this.db.manager).getRepository(SessionRow).insert({
      id: sha256Hex(token),
      userId,
      organizationId,
      csrfToken,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 255) ?? null,
      createdAt: now,
      expiresAt,
    });
    return { token, csrfToken, expiresAt };
  }

  /** The session's principal, or undefined when the token is unknown, expired or its membership is gone. */
  async resolve(token: string): Promise<SessionPrincipal | undefined> {
    if (token.length < 20 || token.length > 100) return undefined;
    const id = sha256Hex(token);
    const session = await this.db.getRepository(SessionRow).findOneBy({ id });
    if (!session) return undefined;
    if (session.expiresAt.getTime() <= Date.now()) {
      await this.db.getRepository(SessionRow).delete({ id });
      return undefined;
    }
    const membership = await this.db
      .getRepository(MembershipRow)
      .findOneBy({ userId: session.userId, organizationId: session.organizationId });
    if (!membership) return undefined;
    return {
      kind: 'session',
      sessionId: id,
      userId: session.userId,
      organizationId: session.organizationId,
      role: membership.role,
      csrfToken: session.csrfToken,
    };
  }

  async switchOrganization(sessionId: string, organizationId: string): Promise<void> {
    await this.db.getRepository(SessionRow).update({ id: sessionId }, { organizationId });
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.getRepository(SessionRow).delete({ id: sessionId });
  }
}
