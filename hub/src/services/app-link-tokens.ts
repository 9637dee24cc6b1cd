import crypto from 'node:crypto';
import { IsNull, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import type { DashboardLink, LinkCode } from '@pixport/shared';
import { AppLinkTokenRow } from '../db/entities/app-link-token.entity.js';
import { MembershipRow } from '../db/entities/membership.entity.js';
import { AppError, invalidParameter } from '../errors.js';
import { sha256Hex } from '../lib/ids.js';
import type { AuditService } from './audit.service.js';
import { requireRole, type RequestMeta, type SessionPrincipal } from './principal.js';
import type { IssuedSession, SessionService } from './session.service.js';

export const LINK_CODE_TTL_MS = 10 * 60_000;
export const SIGN_IN_TTL_MS = 5 * 60_000;
export const SIGN_IN_PATH = '/api/v1/apps/shopify/sign-in';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `7KQ2-M9XD-4T1B-ZR8C`: 80 random bits a merchant can type; dashes, spaces and case do not matter. */
function newLinkCode(): string {
  const bytes = crypto.randomBytes(16);
  const chars = [...bytes].map((byte) => CROCKFORD[byte % 32]).join('');
  return chars.match(/.{4}/g)!.join('-');
}
const normalizeCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

/**
 * One-time tokens of the app link, stored as SHA-256 only, each used at most once (a conditional
 * update claims it, so two concurrent uses cannot both succeed):
 * - link codes: an owner or admin links a Shopify shop to their organization (10 minutes);
 * - sign-in tokens: a dashboard link signs the shop's user in (5 minutes).
 */
export class AppLinkTokens {
  constructor(
    private readonly db: DataSource,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  async createLinkCode(principal: SessionPrincipal, meta: RequestMeta): Promise<LinkCode> {
    requireRole(principal, 'admin', 'link a Shopify shop');
    const code = newLinkCode();
    const expiresAt = await this.insert('link_code', normalizeCode(code), principal.organizationId, principal.userId, LINK_CODE_TTL_MS);
    await this.audit.record({
      organizationId: principal.organizationId,
      action: 'app.link_code_created',
      actorUserId: principal.userId,
      ip: meta.ip,
      metadata: { app: 'shopify', expires_at: expiresAt.toISOString() },
    });
    return { code, expires_at: expiresAt.toISOString() };
  }

  /** Claims a link code in the caller's transaction: the organization and who made the code. 422 when unusable. */
  async consumeLinkCode(manager: EntityManager, code: string): Promise<{ organizationId: string; userId: string }> {
    const claimed = await this.claim(manager, 'link_code', normalizeCode(code));
    if (!claimed) throw invalidParameter('link_code', 'is unknown, used or expired; make a new one in the dashboard');
    // A code made by someone who is no longer an owner or admin of the organization does not link.
    const membership = await manager.getRepository(MembershipRow).findOneBy({ organizationId: claimed.organizationId, userId: claimed.userId });
    if (!membership || (membership.role !== 'owner' && membership.role !== 'admin')) {
      throw invalidParameter('link_code', 'was made by someone who can no longer link shops to that organization');
    }
    return claimed;
  }

  /** A one-time dashboard URL signing in `userId` to `organizationId`. */
  async dashboardLink(baseUrl: string, organizationId: string, userId: string): Promise<DashboardLink> {
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = await this.insert('sign_in', token, organizationId, userId, SIGN_IN_TTL_MS);
    return { url: `${baseUrl}${SIGN_IN_PATH}?token=${token}`, expires_at: expiresAt.toISOString() };
  }

  /** Opens a dashboard link: a session for its user, once. 401 when used, expired, unknown or the member left. */
  async signIn(token: string, meta: RequestMeta): Promise<IssuedSession> {
    const claimed = await this.claim(this.db.manager, 'sign_in', token);
    const member = claimed && (await this.db.getRepository(MembershipRow).existsBy({ organizationId: claimed.organizationId, userId: claimed.userId }));
    if (!claimed || !member) throw new AppError('unauthenticated', 'This sign-in link was used, has expired or is not valid; open the dashboard from the app again.');
    const session = await this.sessions.issue(claimed.userId, claimed.organizationId, meta);
    await this.audit.record({
      organizationId: claimed.organizationId,
      action: 'session.signed_in',
      actorUserId: claimed.userId,
      targetType: 'user',
      targetId: claimed.userId,
      ip: meta.ip,
      metadata: { via: 'shopify_app_dashboard_link', user_agent: meta.userAgent?.slice(0, 255) ?? null },
    });
    return session;
  }

  private async insert(kind: AppLinkTokenRow['kind'], token: string, organizationId: string, userId: string, ttlMs: number): Promise<Date> {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + ttlMs);
    await this.db.getRepository(AppLinkTokenRow).insert({ id: sha256Hex(token), kind, organizationId, userId, createdAt: now, expiresAt, usedAt: null });
    return expiresAt;
  }

  private async claim(manager: EntityManager, kind: AppLinkTokenRow['kind'], token: string) {
    const id = sha256Hex(token);
    const now = new Date();
    const repository = manager.getRepository(AppLinkTokenRow);
    const { affected } = await repository.update({ id, kind, usedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
    if (affected !== 1) return null;
    const row = await repository.findOneByOrFail({ id });
    return { organizationId: row.organizationId, userId: row.userId };
  }
}
