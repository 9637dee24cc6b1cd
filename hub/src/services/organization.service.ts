import type { DataSource, EntityManager } from 'typeorm';
import type { Member, Role } from '@pixport/shared';
import { PLANS, planNumbers, type PlanName } from '../billing.js';
import { OrganizationRow } from '../db/entities/organization.entity.js';
import { MembershipRow } from '../db/entities/membership.entity.js';
import { UserRow } from '../db/entities/user.entity.js';
import { runInTransaction } from '../db/transaction.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../lib/ids.js';
import { TtlCache } from '../lib/ttl-cache.js';
import { toIso } from '../lib/time.js';
import type { AuditService } from './audit.service.js';
import { requireRole, roleAtLeast, type RequestMeta, type SessionPrincipal } from './principal.js';

/** Organizations, plans and members. Every query is scoped to an organization the caller belongs to. */
export class OrganizationService {
  private readonly recent: TtlCache<string, OrganizationRow>;

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly defaultPlan: PlanName,
    recentTtlMs: number,
  ) {
    this.recent = new TtlCache(recentTtlMs);
  }

  /** The personal organization every new user gets, with the user as owner. */
  createPersonal(manager: EntityManager, user: UserRow): Promise<OrganizationRow> {
    return this.createOwned(manager, `${user.name}'s organization`, user.id);
  }

  /** A new organization on the default plan with `ownerUserId` as its owner (sign-up, the Shopify app link). */
  async createOwned(manager: EntityManager, name: string, ownerUserId: string): Promise<OrganizationRow> {
    const now = new Date();
    const organization = manager.create(OrganizationRow, {
      id: newId('org'),
      name: name.slice(0, 100),
      plan: this.defaultPlan,
      creditsBalance: PLANS[this.defaultPlan].monthly_credits,
      creditsPeriodStart: now,
      createdAt: now,
    });
    await manager.insert(OrganizationRow, organization);
    await manager.insert(MembershipRow, {
      id: newId('mem'),
      organizationId: organization.id,
      userId: ownerUserId,
      role: 'owner',
      createdAt: now,
    });
    return organization;
  }

  async get(organizationId: string): Promise<OrganizationRow> {
    const organization = await this.db.getRepository(OrganizationRow).findOneBy({ id: organizationId });
    if (!organization) throw notFound('Organization');
    return organization;
  }

  /**
   * For hot read-only paths (key validation on every plugin call): the organization as read at most
   * `recentTtlMs` ago (the key cache's TTL), so its name, plan and balance may lag by that much.
   */
  async getRecent(organizationId: string): Promise<OrganizationRow> {
    const cached = this.recent.get(organizationId);
    if (cached) return cached;
    const organization = await this.get(organizationId);
    this.recent.set(organizationId, organization);
    return organization;
  }

  /** The organization's plan name as read at most `recentTtlMs` ago (the rate limit's hot path). */
  async planOf(organizationId: string): Promise<string> {
    return (await this.getRecent(organizationId)).plan;
  }

  plan(organization: OrganizationRow) {
    const plan = planNumbers(organization.plan, this.defaultPlan);
    return { name: organization.plan, ...plan };
  }

  async membershipsOf(userId: string) {
    return this.db
      .getRepository(MembershipRow)
      .createQueryBuilder('m')
      .innerJoin(OrganizationRow, 'o', 'o.id = m.organization_id')
      .select(['m.organization_id AS organization_id', 'o.name AS name', 'o.plan AS plan', 'm.role AS role'])
      .addSelect('o.created_at', 'created_at')
      .where('m.user_id = :userId', { userId })
      .orderBy('m.created_at', 'ASC')
      .getRawMany<{ organization_id: string; name: string; plan: string; role: Role; created_at: string | Date }>();
  }

  async roleOf(userId: string, organizationId: string): Promise<Role | undefined> {
    const membership = await this.db.getRepository(MembershipRow).findOneBy({ userId, organizationId });
    return membership?.role;
  }

  /** A member may read members; other organizations' ids answer 404, never 403. */
  private async assertMember(principal: SessionPrincipal, organizationId: string): Promise<Role> {
    const role = await this.roleOf(principal.userId, organizationId);
    if (!role) throw notFound('Organization');
    return role;
  }

  async listMembers(principal: SessionPrincipal, organizationId: string): Promise<Member[]> {
    await this.assertMember(principal, organizationId);
    const rows = await this.db
      .getRepository(MembershipRow)
      .createQueryBuilder('m')
      .innerJoin(UserRow, 'u', 'u.id = m.user_id')
      .select(['m.user_id AS user_id', 'u.email AS email', 'u.name AS name', 'm.role AS role'])
      .addSelect('m.created_at', 'added_at')
      .where('m.organization_id = :organizationId', { organizationId })
      .orderBy('m.created_at', 'ASC')
      .getRawMany<Omit<Member, 'added_at'> & { added_at: string | Date }>();
    return rows.map((row) => ({ ...row, added_at: toIso(row.added_at) }));
  }

  async addMember(
    principal: SessionPrincipal,
    organizationId: string,
    input: { email: string; role: Role },
    meta: RequestMeta,
  ): Promise<Member> {
    const myRole = await this.assertMember(principal, organizationId);
    requireRole({ ...principal, role: myRole }, 'admin', 'add members');
    if (input.role === 'owner' && myRole !== 'owner') throw new AppError('forbidden', 'Only owners can add owners.');
    const user = await this.db.getRepository(UserRow).findOneBy({ email: input.email });
    if (!user) throw new AppError('not_found', 'No account with that email; ask them to sign up first.');
    const existing = await this.db.getRepository(MembershipRow).findOneBy({ organizationId, userId: user.id });
    if (existing) throw new AppError('conflict', 'That user is already a member.');
    const createdAt = new Date();
    await this.db
      .getRepository(MembershipRow)
      .insert({ id: newId('mem'), organizationId, userId: user.id, role: input.role, createdAt });
    await this.audit.record({
      organizationId,
      action: 'member.added',
      actorUserId: principal.userId,
      targetType: 'user',
      targetId: user.id,
      ip: meta.ip,
      metadata: { role: input.role, email: user.email },
    });
    return { user_id: user.id, email: user.email, name: user.name, role: input.role, added_at: createdAt.toISOString() };
  }

  async changeRole(
    principal: SessionPrincipal,
    organizationId: string,
    userId: string,
    role: Role,
    meta: RequestMeta,
  ): Promise<Member> {
    const myRole = await this.assertMember(principal, organizationId);
    requireRole({ ...principal, role: myRole }, 'admin', 'change roles');
    const membership = await this.db.getRepository(MembershipRow).findOneBy({ organizationId, userId });
    if (!membership) throw notFound('Member');
    if ((membership.role === 'owner' || role === 'owner') && myRole !== 'owner') {
      throw new AppError('forbidden', 'Only owners can grant or take the owner role.');
    }
    if (membership.role === 'owner' && role !== 'owner') await this.assertAnotherOwner(organizationId, userId);
    await this.db.getRepository(MembershipRow).update({ id: membership.id }, { role });
    await this.audit.record({
      organizationId,
      action: 'member.role_changed',
      actorUserId: principal.userId,
      targetType: 'user',
      targetId: userId,
      ip: meta.ip,
      metadata: { from: membership.role, to: role },
    });
    const member = (await this.listMembers(principal, organizationId)).find((row) => row.user_id === userId);
    return member!;
  }

  async removeMember(principal: SessionPrincipal, organizationId: string, userId: string, meta: RequestMeta) {
    const myRole = await this.assertMember(principal, organizationId);
    const self = userId === principal.userId;
    if (!self) requireRole({ ...principal, role: myRole }, 'admin', 'remove members');
    const membership = await this.db.getRepository(MembershipRow).findOneBy({ organizationId, userId });
    if (!membership) throw notFound('Member');
    if (membership.role === 'owner' && !self && !roleAtLeast(myRole, 'owner')) {
      throw new AppError('forbidden', 'Only owners can remove owners.');
    }
    if (membership.role === 'owner') await this.assertAnotherOwner(organizationId, userId);
    await runInTransaction(this.db, async (manager) => {
      await manager.delete(MembershipRow, { id: membership.id });
      // Their sessions in this organization end with the membership.
      await manager.query('DELETE FROM sessions WHERE user_id = ? AND organization_id = ?', [userId, organizationId]);
    });
    await this.audit.record({
      organizationId,
      action: 'member.removed',
      actorUserId: principal.userId,
      targetType: 'user',
      targetId: userId,
      ip: meta.ip,
      metadata: { role: membership.role },
    });
  }

  private async assertAnotherOwner(organizationId: string, leavingUserId: string): Promise<void> {
    const owners = await this.db.getRepository(MembershipRow).countBy({ organizationId, role: 'owner' });
    const leaving = await this.db.getRepository(MembershipRow).findOneBy({ organizationId, userId: leavingUserId });
    if (leaving?.role === 'owner' && owners <= 1) {
      throw new AppError('conflict', 'An organization needs at least one owner; make someone else owner first.');
    }
  }
}
