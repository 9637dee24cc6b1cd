import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { AppInstallBody, AppTokenBody, DashboardLink, Installation, InstallResponse, Scope } from '@pixport/shared';
import { AppInstallationRow } from '../db/entities/app-installation.entity.js';
import { CatalogRunRow } from '../db/entities/catalog-run.entity.js';
import { IntegrationRow } from '../db/entities/integration.entity.js';
import { MembershipRow } from '../db/entities/membership.entity.js';
import { SessionRow } from '../db/entities/session.entity.js';
import { UserRow } from '../db/entities/user.entity.js';
import { runInTransaction } from '../db/transaction.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../lib/ids.js';
import type { ApiKeyService } from './api-key.service.js';
import type { AppLinkTokens } from './app-link-tokens.js';
import type { AuditService } from './audit.service.js';
import type { IntegrationService } from './integration.service.js';
import type { OrganizationErasureService } from './organization-erasure.service.js';
import type { OrganizationService } from './organization.service.js';
import type { RequestMeta } from './principal.js';

/** What the app's keys may do: everything the embedded app calls (not the WordPress plugin's usage reports). */
export const APP_KEY_SCOPES: Scope[] = [
  'process',
  'tasks:read',
  'tasks:write',
  'usage:read',
  'webhooks:manage',
  'presets:manage',
  'marketplace:read',
  'marketplace:publish',
];

/** Runs that stop when the app is uninstalled ('paused' is the merchant's or the credits' pause). */
const LIVE_RUN_STATUSES = ['queued', 'running', 'paused'];

/** The shop's dashboard user signs in by dashboard links only: this never verifies as a password hash. */
export const NO_PASSWORD = '!app-link:no-password';

/** The dashboard user's address: under the reserved `.invalid` TLD, so no mail can ever reach it. */
export const shopUserEmail = (shop: string) => `${shop}@shopify-app.invalid`;

type ShopifyCredentials = Record<string, string>;

/**
 * The hub side of the Shopify app's link (docs/hub-app-link.md). The app authenticates with the
 * link secret (routes); here a shop is provisioned or linked to an organization, its tokens are
 * stored as the organization's Shopify integration (sealed), the app's keys are issued and revoked,
 * and uninstall and erasure undo what the link made. Every call is audited in the organization.
 */
export class AppInstallationService {
  constructor(
    private readonly db: DataSource,
    private readonly organizations: OrganizationService,
    private readonly integrations: IntegrationService,
    private readonly keys: ApiKeyService,
    private readonly tokens: AppLinkTokens,
    private readonly erasure: OrganizationErasureService,
    private readonly audit: AuditService,
  ) {}

  /** Install or re-install (idempotent per shop): see the route's description. */
  async install(input: AppInstallBody, meta: RequestMeta): Promise<InstallResponse> {
    try {
      return await this.installOnce(input, meta);
    } catch (error) {
      // Two first installs of one shop at once: the loser finds the winner's installation.
      if (!isUniqueViolation(error)) throw error;
      return this.installOnce(input, meta);
    }
  }

  private async installOnce(input: AppInstallBody, meta: RequestMeta): Promise<InstallResponse> {
    const now = new Date();
    const outcome = await runInTransaction(this.db, async (manager) => {
      const installations = manager.getRepository(AppInstallationRow);
      const existing = await installations.findOneBy({ app: 'shopify', shop: input.shop });
      const linked = input.link_code ? await this.tokens.consumeLinkCode(manager, input.link_code) : null;
      if (existing && linked && linked.organizationId !== existing.organizationId) {
        throw new AppError(
          'conflict',
          'This shop is already linked to another organization; erase it first (shop/redact) to link it elsewhere.',
        );
      }
      let organizationId: string;
      let createdOrganization: boolean;
      let userId = existing?.userId ?? null;
      if (existing) {
        ({ organizationId, createdOrganization } = existing);
      } else if (linked) {
        organizationId = linked.organizationId;
        createdOrganization = false;
      } else {
        userId = await this.createShopUser(manager, input, now);
        const organization = await this.organizations.createOwned(manager, input.shop_name ?? input.shop, userId);
        organizationId = organization.id;
        createdOrganization = true;
      }
      userId = await this.ensureMember(manager, organizationId, userId, createdOrganization, input, now);
      const integrationId = await this.storeIntegration(manager, organizationId, existing?.integrationId ?? null, input, now);
      const revoked = existing
        ? await this.keys.revokeKeys(manager, organizationId, [existing.liveKeyId, existing.testKeyId].filter(isString))
        : [];
      const keyName = (mode: string) => `Shopify app (${input.shop}, ${mode})`;
      const live = await this.keys.issueSystemKey(manager, organizationId, { name: keyName('live'), scopes: APP_KEY_SCOPES, mode: 'live', createdByUserId: userId });
      const test = await this.keys.issueSystemKey(manager, organizationId, { name: keyName('test'), scopes: APP_KEY_SCOPES, mode: 'test', createdByUserId: userId });
      const row: AppInstallationRow = {
        id: existing?.id ?? newId('ain'),
        app: 'shopify',
        shop: input.shop,
        organizationId,
        integrationId,
        createdOrganization,
        userId,
        status: 'active',
        scopes: input.scopes,
        liveKeyId: live.id,
        testKeyId: test.id,
        shopName: input.shop_name ?? existing?.shopName ?? null,
        email: input.email ?? existing?.email ?? null,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        uninstalledAt: null,
      };
      if (existing) await installations.update({ id: existing.id }, row as never);
      else await installations.insert(row as never);
      return { row, live, test, revoked, reinstall: existing !== null, linkedBy: linked?.userId ?? null };
    });
    this.keys.forget(outcome.revoked);
    await this.record(outcome.row, outcome.reinstall ? 'app.reinstalled' : 'app.installed', meta, {
      created_organization: outcome.row.createdOrganization,
      linked_by_user_id: outcome.linkedBy,
      scopes: outcome.row.scopes,
      live_key_id: outcome.live.id,
      test_key_id: outcome.test.id,
      revoked_keys: outcome.revoked.length,
    });
    return { installation: toInstallation(outcome.row), api_keys: { live: outcome.live.key, test: outcome.test.key } };
  }

  async get(shop: string, meta: RequestMeta): Promise<Installation> {
    const row = await this.find(shop);
    await this.record(row, 'app.installation_read', meta);
    return toInstallation(row);
  }

  /** New tokens from a token exchange: the integration is usable again (`unverified`). */
  async updateToken(shop: string, input: AppTokenBody, meta: RequestMeta): Promise<Installation> {
    const row = await this.find(shop);
    if (row.status !== 'active') throw new AppError('conflict', 'The app is uninstalled from this shop; install it again.');
    const now = new Date();
    const updated = await runInTransaction(this.db, async (manager) => {
      await this.storeIntegration(manager, row.organizationId, row.integrationId, { shop, ...input }, now);
      const change = { scopes: input.scopes ?? row.scopes, updatedAt: now };
      await manager.getRepository(AppInstallationRow).update({ id: row.id }, change);
      return { ...row, ...change };
    });
    await this.record(updated, 'app.token_updated', meta, { scopes: updated.scopes, expiring: input.expires_at !== undefined });
    return toInstallation(updated);
  }

  /**
   * The integration paused with its credentials wiped, the app's keys revoked, the shop user's sessions
   * ended and live catalog runs canceled: nothing is processed for the shop afterwards. Idempotent.
   */
  async uninstall(shop: string, meta: RequestMeta): Promise<Installation> {
    const row = await this.find(shop);
    const now = new Date();
    const outcome = await runInTransaction(this.db, async (manager) => {
      const integration = await manager.getRepository(IntegrationRow).findOneBy({ id: row.integrationId, organizationId: row.organizationId });
      if (integration) {
        await manager.getRepository(IntegrationRow).update(
          { id: integration.id, organizationId: row.organizationId },
          { ...this.integrations.storedCredentials(integration, { shop }), status: 'paused', updatedAt: now } as never,
        );
      }
      const canceled = await manager.getRepository(CatalogRunRow).update(
        { organizationId: row.organizationId, integrationId: row.integrationId, status: In(LIVE_RUN_STATUSES) as never },
        { status: 'canceled', finishedAt: now },
      );
      const revoked = await this.keys.revokeKeys(manager, row.organizationId, [row.liveKeyId, row.testKeyId].filter(isString));
      if (row.userId) await manager.getRepository(SessionRow).delete({ userId: row.userId, organizationId: row.organizationId });
      const change = { status: 'uninstalled' as const, uninstalledAt: row.uninstalledAt ?? now, updatedAt: now };
      await manager.getRepository(AppInstallationRow).update({ id: row.id }, change);
      return { updated: { ...row, ...change }, revoked, canceledRuns: canceled.affected ?? 0 };
    });
    this.keys.forget(outcome.revoked);
    await this.record(outcome.updated, 'app.uninstalled', meta, { revoked_keys: outcome.revoked.length, canceled_runs: outcome.canceledRuns });
    return toInstallation(outcome.updated);
  }

  /**
   * shop/redact: erases what the link made. Idempotent: a shop already erased (or never installed) is a
   * no-op. An organization the link created goes whole; a linked one keeps everything but the shop's.
   */
  async erase(shop: string, meta: RequestMeta): Promise<void> {
    const row = await this.db.getRepository(AppInstallationRow).findOneBy({ app: 'shopify', shop });
    if (!row) return;
    if (row.createdOrganization) {
      await this.erasure.eraseOrganization(row.organizationId);
      return;
    }
    const revoked = await runInTransaction(this.db, (manager) =>
      this.keys.revokeKeys(manager, row.organizationId, [row.liveKeyId, row.testKeyId].filter(isString)),
    );
    this.keys.forget(revoked);
    await this.erasure.eraseInstallation(row);
    // The linked organization stays, and so does its audit log: it says the shop's data was erased.
    await this.audit.record({
      organizationId: row.organizationId,
      action: 'app.erased',
      targetType: 'app_installation',
      targetId: row.id,
      ip: meta.ip,
      metadata: { app: row.app, integration_id: row.integrationId },
    });
  }

  /** A one-time URL (5 minutes) that signs the shop's dashboard user in to the organization. */
  async dashboardLink(shop: string, baseUrl: string, meta: RequestMeta): Promise<DashboardLink> {
    const row = await this.find(shop);
    if (row.status !== 'active' || !row.userId) throw new AppError('conflict', 'The app is uninstalled from this shop; install it again.');
    const link = await this.tokens.dashboardLink(baseUrl, row.organizationId, row.userId);
    await this.record(row, 'app.dashboard_link_created', meta, { user_id: row.userId, expires_at: link.expires_at });
    return link;
  }

  /** The installation of `shop` (not found when it never installed or was erased). */
  async find(shop: string): Promise<AppInstallationRow> {
    const row = await this.db.getRepository(AppInstallationRow).findOneBy({ app: 'shopify', shop });
    if (!row) throw notFound('Installation');
    return row;
  }

  /** Records an app-link call in the installation's organization. */
  record(row: AppInstallationRow, action: string, meta: RequestMeta, metadata: Record<string, unknown> = {}): Promise<void> {
    return this.audit.record({
      organizationId: row.organizationId,
      action,
      targetType: 'app_installation',
      targetId: row.id,
      ip: meta.ip,
      metadata: { app: row.app, shop: row.shop, ...metadata },
    });
  }

  private async createShopUser(manager: EntityManager, input: AppInstallBody, now: Date): Promise<string> {
    const email = shopUserEmail(input.shop);
    // Left over from an erased installation of the same shop (erasure deletes it; belt and braces).
    const stale = await manager.getRepository(UserRow).findOneBy({ email });
    if (stale) return stale.id;
    const id = newId('usr');
    await manager.getRepository(UserRow).insert({ id, email, name: (input.shop_name ?? input.shop).slice(0, 100), passwordHash: NO_PASSWORD, createdAt: now });
    return id;
  }

  /**
   * The shop's dashboard user is a member: owner of an organization the link created, admin of one it
   * was linked to (made here on the first install into a linked organization).
   */
  private async ensureMember(
    manager: EntityManager,
    organizationId: string,
    userId: string | null,
    createdOrganization: boolean,
    input: AppInstallBody,
    now: Date,
  ): Promise<string> {
    const id = userId && (await manager.getRepository(UserRow).existsBy({ id: userId })) ? userId : await this.createShopUser(manager, input, now);
    const memberships = manager.getRepository(MembershipRow);
    if (!(await memberships.existsBy({ organizationId, userId: id }))) {
      await memberships.insert({ id: newId('mem'), organizationId, userId: id, role: createdOrganization ? 'owner' : 'admin', createdAt: now });
    }
    return id;
  }

  /** Creates or updates the organization's Shopify integration with the tokens (sealed; `unverified`). */
  private async storeIntegration(
    manager: EntityManager,
    organizationId: string,
    integrationId: string | null,
    input: AppTokenBody & { shop: string },
    now: Date,
  ): Promise<string> {
    const repository = manager.getRepository(IntegrationRow);
    const existing = integrationId ? await repository.findOneBy({ id: integrationId, organizationId }) : null;
    const identity = { organizationId, id: existing?.id ?? newId('int'), marketplace: 'shopify' as const };
    const stored = this.integrations.storedCredentials(identity, credentialsOf(input));
    const state = { status: 'unverified' as const, account: null, verifiedAt: null, lastError: null, updatedAt: now };
    if (existing) {
      await repository.update({ id: existing.id, organizationId }, { ...stored, ...state } as never);
    } else {
      await repository.insert({ ...identity, name: `Shopify (${input.shop})`.slice(0, 100), ...stored, ...state, createdAt: now } as never);
    }
    return identity.id;
  }
}

function credentialsOf(input: AppTokenBody & { shop: string }): ShopifyCredentials {
  const credentials: ShopifyCredentials = { shop: input.shop, accessToken: input.access_token };
  if (input.refresh_token) credentials.refreshToken = input.refresh_token;
  if (input.expires_at) credentials.expiresAt = new Date(input.expires_at).toISOString();
  if (input.refresh_token_expires_at) credentials.refreshTokenExpiresAt = new Date(input.refresh_token_expires_at).toISOString();
  return credentials;
}

const isString = (value: string | null): value is string => value !== null;

export function toInstallation(row: AppInstallationRow): Installation {
  return {
    shop: row.shop,
    organization_id: row.organizationId,
    integration_id: row.integrationId,
    created_organization: row.createdOrganization,
    status: row.status,
    scopes: row.scopes,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
