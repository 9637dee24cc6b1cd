import type { DataSource } from 'typeorm';
import type { LoginBody, Me, SignupBody } from '@pixport/shared';
import { UserRow } from '../db/entities/user.entity.js';
import { runInTransaction } from '../db/transaction.js';
import { AppError, invalidParameter, notFound } from '../errors.js';
import { newId } from '../lib/ids.js';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from '../lib/password.js';
import { passwordWeakness } from '../lib/password-policy.js';
import type { AuditService } from './audit.service.js';
import type { OrganizationService } from './organization.service.js';
import { toIso } from '../lib/time.js';
import type { RequestMeta, SessionPrincipal } from './principal.js';
import type { IssuedSession, SessionService } from './session.service.js';
import type { LoginThrottle, SignInClient } from './login-throttle.service.js';

/** Sign-up, sign-in (throttled: see LoginThrottle), sign-out and the current-user view. */
export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly sessions: SessionService,
    private readonly organizations: OrganizationService,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottle,
    private readonly options: { allowSignup: boolean },
  ) {}

  async setupStatus() {
    const users = await this.db.getRepository(UserRow).count({ take: 1 });
    return { needs_setup: users === 0, signup_open: users === 0 || this.options.allowSignup };
  }

  /** One transaction: the user, their organization, the audit entry and the session, or nothing. */
  async signup(input: SignupBody, meta: RequestMeta & SignInClient): Promise<{ me: Me; session: IssuedSession; deviceToken: string }> {
    const { needs_setup, signup_open } = await this.setupStatus();
    if (!signup_open) throw new AppError('signup_closed', 'Sign-up is closed; ask an owner to add you.');
    await this.throttle.beginSignUp(meta);
    const weakness = passwordWeakness(input.password, [input.email, input.name]);
    if (weakness) throw invalidParameter('password', weakness);
    const passwordHash = await hashPassword(input.password);
    const { user, organizationId, session } = await runInTransaction(this.db, async (manager) => {
      if (await manager.findOneBy(UserRow, { email: input.email })) {
        throw new AppError('email_taken', 'An account with this email exists; sign in instead.');
      }
      const user = manager.create(UserRow, {
        id: newId('usr'),
        email: input.email,
        name: input.name,
        passwordHash,
        createdAt: new Date(),
      });
      await manager.insert(UserRow, user).catch((error: unknown) => {
        throw isUniqueViolation(error) ? new AppError('email_taken', 'An account with this email exists.') : error;
      });
      const organization = await this.organizations.createPersonal(manager, user);
      await this.audit.record(
        {
          organizationId: organization.id,
          action: needs_setup ? 'account.first_owner_created' : 'account.created',
          actorUserId: user.id,
          targetType: 'user',
          targetId: user.id,
          ip: meta.ip,
        },
        manager,
      );
      const session = await this.sessions.issue(user.id, organization.id, meta, manager);
      return { user, organizationId: organization.id, session };
    });
    return {
      me: await this.me(user.id, organizationId, session.csrfToken),
      session,
      deviceToken: this.throttle.deviceToken(user.email),
    };
  }

  async login(input: LoginBody, meta: RequestMeta & SignInClient): Promise<{ me: Me; session: IssuedSession; deviceToken: string }> {
    // Reserved before the hash: parallel guesses cannot outrun the limits (429 once they are used up).
    const attempt = await this.throttle.beginSignIn(input.email, meta);
    const user = await this.db.getRepository(UserRow).findOneBy({ email: input.email });
    // Verify against a dummy hash for unknown emails so response time does not reveal accounts.
    const valid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!user || !valid) {
      if ((await this.throttle.failed(attempt)) && user) await this.notifyThrottled(user, meta);
      throw new AppError('invalid_credentials', 'Wrong email or password.');
    }
    await this.throttle.succeeded(attempt);
    const memberships = await this.organizations.membershipsOf(user.id);
    const organizationId = memberships[0]?.organization_id;
    if (!organizationId) throw new AppError('forbidden', 'This account belongs to no organization.');
    const session = await this.sessions.issue(user.id, organizationId, meta);
    await this.audit.record({
      organizationId,
      action: 'session.signed_in',
      actorUserId: user.id,
      targetType: 'user',
      targetId: user.id,
      ip: meta.ip,
      metadata: { user_agent: meta.userAgent?.slice(0, 255) ?? null },
    });
    return {
      me: await this.me(user.id, organizationId, session.csrfToken),
      session,
      deviceToken: attempt.knownDevice && meta.deviceToken ? meta.deviceToken : this.throttle.deviceToken(user.email),
    };
  }

  /** The account reached a sign-in limit: an audit event in each of the user's organizations. */
  private async notifyThrottled(user: UserRow, meta: RequestMeta): Promise<void> {
    for (const membership of await this.organizations.membershipsOf(user.id)) {
      await this.audit.record({
        organizationId: membership.organization_id,
        action: 'session.sign_in_throttled',
        targetType: 'user',
        targetId: user.id,
        ip: meta.ip,
        metadata: { reason: 'repeated failed sign-ins; further attempts wait or are refused' },
      });
    }
  }

  async logout(principal: SessionPrincipal): Promise<void> {
    await this.sessions.revoke(principal.sessionId);
  }

  async switchOrganization(principal: SessionPrincipal, organizationId: string): Promise<Me> {
    const role = await this.organizations.roleOf(principal.userId, organizationId);
    if (!role) throw notFound('Organization');
    await this.sessions.switchOrganization(principal.sessionId, organizationId);
    return this.me(principal.userId, organizationId, principal.csrfToken);
  }

  async me(userId: string, organizationId: string, csrfToken: string): Promise<Me> {
    const user = await this.db.getRepository(UserRow).findOneByOrFail({ id: userId });
    const memberships = await this.organizations.membershipsOf(userId);
    const active = memberships.find((row) => row.organization_id === organizationId);
    if (!active) throw new AppError('unauthenticated', 'Your membership of this organization ended; sign in again.');
    return {
      user: { id: user.id, email: user.email, name: user.name, created_at: toIso(user.createdAt) },
      organization: { id: active.organization_id, name: active.name, role: active.role, plan: active.plan },
      memberships: memberships.map(({ organization_id, name, role }) => ({ organization_id, name, role })),
      csrf_token: csrfToken,
    };
  }
}

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string; driverError?: { code?: string } })?.driverError?.code ??
    (error as { code?: string })?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
