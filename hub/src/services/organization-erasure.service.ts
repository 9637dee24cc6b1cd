import { In, type DataSource, type EntityManager } from 'typeorm';
import { ApiKeyRow } from '../db/entities/api-key.entity.js';
import { AppInstallationRow } from '../db/entities/app-installation.entity.js';
import { AppLinkTokenRow } from '../db/entities/app-link-token.entity.js';
import { AuditEventRow } from '../db/entities/audit-event.entity.js';
import { CatalogItemRow } from '../db/entities/catalog-item.entity.js';
import { CatalogRunItemRow } from '../db/entities/catalog-run-item.entity.js';
import { CatalogRunRow } from '../db/entities/catalog-run.entity.js';
import { CatalogSyncRow } from '../db/entities/catalog-sync.entity.js';
import { IntegrationRow } from '../db/entities/integration.entity.js';
import { MembershipRow } from '../db/entities/membership.entity.js';
import { OrganizationRow } from '../db/entities/organization.entity.js';
import { PublishEventRow } from '../db/entities/publish-event.entity.js';
import { SessionRow } from '../db/entities/session.entity.js';
import { UserRow } from '../db/entities/user.entity.js';
import { runInTransaction } from '../db/transaction.js';
import type { Logger } from '../logger.js';
import type { BlobStore } from '../storage/blob-store.js';

/** The column that makes a table organization data: every row of it belongs to one organization. */
export const ORGANIZATION_COLUMN = 'organization_id';
/** Tables without an organization column but keyed by an integration: erased with the organization's integrations. */
export const INTEGRATION_COLUMN = 'integration_id';

/**
 * How erasure treats every table of the hub, so none can be forgotten silently: the test
 * `organization-erasure.service.test.ts` fails when a table of the data source is missing here, or
 * when one with an `organization_id` column is not marked `organization`. Tables marked
 * `organization` are deleted by that column (found from the entity metadata at run time); blobs live
 * in the organization's blob namespace, which goes whole.
 */
export const ERASURE_COVERAGE: Record<string, { by: 'organization' | 'integration' } | { by: 'special' | 'none'; why: string }> = {
  catalog_item_collections: { by: 'integration' },
  catalog_image_checks: { by: 'integration' },
  image_verdicts: { by: 'integration' },
  organizations: { by: 'special', why: 'the row itself (by id), last' },
  users: { by: 'special', why: 'the shop dashboard users the link created, once no membership is left; other users are people with their own accounts' },
  memberships: { by: 'organization' },
  sessions: { by: 'organization' },
  api_keys: { by: 'organization' },
  audit_events: { by: 'organization' },
  api_usage_logs: { by: 'organization' },
  results: { by: 'organization' },
  tasks: { by: 'organization' },
  processed_images: { by: 'organization' },
  credit_reservations: { by: 'organization' },
  idempotency_records: { by: 'organization' },
  integrations: { by: 'organization' },
  catalog_items: { by: 'organization' },
  catalog_syncs: { by: 'organization' },
  catalog_runs: { by: 'organization' },
  catalog_run_items: { by: 'organization' },
  publish_events: { by: 'organization' },
  webhook_endpoints: { by: 'organization' },
  webhook_events: { by: 'organization' },
  webhook_messages: { by: 'organization' },
  webhook_deliveries: { by: 'organization' },
  presets: { by: 'organization' },
  app_installations: { by: 'organization' },
  app_link_tokens: { by: 'organization' },
  throttle_counters: { by: 'none', why: 'fixed-window counters keyed by a hashed email, an IP or a shop; they lapse with their window (minutes)' },
  rate_limit_buckets: { by: 'none', why: 'token counts keyed by an API key id (no data; the key row is erased)' },
  agenda_jobs: { by: 'none', why: 'job documents hold only row ids; a job whose row is gone finds nothing and ends' },
};

/**
 * Erasure for Shopify's `shop/redact` (and any full account deletion): everything an organization
 * holds, or only what one shop's installation added to an organization it was linked to.
 */
export class OrganizationErasureService {
  constructor(
    private readonly db: DataSource,
    private readonly blobs: BlobStore,
    private readonly logger: Logger,
  ) {}

  /** Every table with an organization column, from the data source's entity metadata. */
  organizationTables(): string[] {
    return this.db.entityMetadatas
      .filter((metadata) => metadata.columns.some((column) => column.databaseName === ORGANIZATION_COLUMN))
      .map((metadata) => metadata.tableName)
      .sort();
  }

  /** Tables keyed by an integration (no organization column), from the entity metadata. */
  integrationTables(): string[] {
    return this.integrationMetadatas().map((metadata) => metadata.tableName).sort();
  }

  private integrationMetadatas() {
    const has = (metadata: (typeof this.db.entityMetadatas)[number], name: string) => metadata.columns.some((column) => column.databaseName === name);
    return this.db.entityMetadatas.filter((metadata) => !has(metadata, ORGANIZATION_COLUMN) && has(metadata, INTEGRATION_COLUMN));
  }

  /** Rows of integration-keyed tables for these integrations (ids already scoped to one organization by the caller). */
  private async deleteByIntegrations(manager: EntityManager, integrationIds: string[]): Promise<number> {
    if (integrationIds.length === 0) return 0;
    let deleted = 0;
    for (const metadata of this.integrationMetadatas()) {
      const result = await manager
        .createQueryBuilder()
        .delete()
        .from(metadata.target)
        .where(`${INTEGRATION_COLUMN} IN (:...integrationIds)`, { integrationIds })
        .execute();
      deleted += result.affected ?? 0;
    }
    return deleted;
  }

  /** Deletes the organization, every row of it and every blob of it. Idempotent. */
  async eraseOrganization(organizationId: string): Promise<{ rows: number }> {
    const rows = await runInTransaction(this.db, async (manager) => {
      const shopUsers = (await manager.getRepository(AppInstallationRow).findBy({ organizationId }))
        .map((installation) => installation.userId)
        .filter((id): id is string => id !== null);
      const integrationIds = (await manager.getRepository(IntegrationRow).find({ where: { organizationId }, select: { id: true } })).map((row) => row.id);
      let deleted = await this.deleteByIntegrations(manager, integrationIds);
      for (const metadata of this.db.entityMetadatas) {
        if (!metadata.columns.some((column) => column.databaseName === ORGANIZATION_COLUMN)) continue;
        const result = await manager
          .createQueryBuilder()
          .delete()
          .from(metadata.target)
          .where(`${ORGANIZATION_COLUMN} = :organizationId`, { organizationId })
          .execute();
        deleted += result.affected ?? 0;
      }
      deleted += (await manager.getRepository(OrganizationRow).delete({ id: organizationId })).affected ?? 0;
      deleted += await deleteUsersWithoutMemberships(manager, shopUsers);
      return deleted;
    });
    // After the rows: a reader that still finds a row then finds no file, never the reverse.
    await this.blobs.deleteNamespace(organizationId);
    this.logger.info({ organizationId, rows }, 'organization erased');
    return { rows };
  }

  /**
   * What one shop added to an organization it was linked to: its integration with the catalog, runs and
   * publish events, the app's keys, the shop's dashboard user, and the link's own audit entries (they
   * name the shop). The organization's other data stays.
   */
  async eraseInstallation(installation: AppInstallationRow): Promise<void> {
    const { organizationId, integrationId } = installation;
    await runInTransaction(this.db, async (manager) => {
      const runIds = (await manager.getRepository(CatalogRunRow).find({ where: { organizationId, integrationId }, select: { id: true } })).map((run) => run.id);
      if (runIds.length > 0) await manager.getRepository(CatalogRunItemRow).delete({ organizationId, runId: In(runIds) });
      await manager.getRepository(CatalogRunRow).delete({ organizationId, integrationId });
      await manager.getRepository(CatalogItemRow).delete({ organizationId, integrationId });
      await manager.getRepository(CatalogSyncRow).delete({ organizationId, integrationId });
      await manager.getRepository(PublishEventRow).delete({ organizationId, integrationId });
      if (await manager.getRepository(IntegrationRow).existsBy({ organizationId, id: integrationId })) {
        await this.deleteByIntegrations(manager, [integrationId]);
      }
      await manager.getRepository(IntegrationRow).delete({ organizationId, id: integrationId });
      const keyIds = [installation.liveKeyId, installation.testKeyId].filter((id): id is string => id !== null);
      if (keyIds.length > 0) await manager.getRepository(ApiKeyRow).delete({ organizationId, id: In(keyIds) });
      await manager.getRepository(AuditEventRow).delete({ organizationId, targetType: 'app_installation', targetId: installation.id });
      if (installation.userId) {
        const userId = installation.userId;
        await manager.getRepository(SessionRow).delete({ organizationId, userId });
        await manager.getRepository(AppLinkTokenRow).delete({ organizationId, userId });
        await manager.getRepository(MembershipRow).delete({ organizationId, userId });
        await deleteUsersWithoutMemberships(manager, [userId]);
      }
      await manager.getRepository(AppInstallationRow).delete({ id: installation.id });
    });
    this.logger.info({ organizationId, installationId: installation.id }, 'app installation erased');
  }
}

/** The shop users no organization has any more (a user still member elsewhere stays). */
async function deleteUsersWithoutMemberships(manager: EntityManager, userIds: string[]): Promise<number> {
  let deleted = 0;
  for (const id of new Set(userIds)) {
    if (await manager.getRepository(MembershipRow).existsBy({ userId: id })) continue;
    await manager.getRepository(SessionRow).delete({ userId: id });
    deleted += (await manager.getRepository(UserRow).delete({ id })).affected ?? 0;
  }
  return deleted;
}
