import { In, type DataSource } from 'typeorm';
import type { CatalogItem, CatalogSync } from '@pixport/shared';
import { CatalogItemRow } from '../db/entities/catalog-item.entity.js';
import { CatalogSyncRow } from '../db/entities/catalog-sync.entity.js';
import { IntegrationRow } from '../db/entities/integration.entity.js';
import { AppError } from '../errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { newestFirst } from '../lib/keyset-page.js';
import { toCatalogSync } from './catalog-sync.dto.js';
import { requireMarketplaceWriter, type IntegrationService } from './integration.service.js';
import type { Principal } from './principal.js';

export const CATALOG_SYNC_JOB = 'catalog-sync';

export interface CatalogSyncJobData {
  organizationId: string;
  integrationId: string;
}

/** A job starts within seconds of being queued; a sync queued this long has none. */
const STALE_QUEUED_MS = 5 * 60_000;

/**
 * Synced catalogs: starting a sync (one at a time per integration, run by the `catalog-sync` job),
 * its status, and the catalog preview. Tenant-scoped through the integration.
 */
export class CatalogService {
  constructor(
    private readonly db: DataSource,
    private readonly integrations: IntegrationService,
    private readonly jobs: JobQueue,
  ) {}

  /** Queues a sync; the first one (or `full`) reads the whole catalog, later ones what changed since. */
  async requestSync(
    principal: Principal,
    integrationId: string,
    input: { full: boolean },
  ): Promise<CatalogSync> {
    requireMarketplaceWriter(principal, 'sync catalogs');
    const integration = await this.integrations.get(principal, integrationId);
    const repository = this.db.getRepository(CatalogSyncRow);
    const previous = await repository.findOneBy({ integrationId: integration.id });
    const queued: Partial<CatalogSyncRow> = {
      status: 'queued',
      mode: input.full || !previous?.watermark ? 'full' : 'incremental',
      strategy: null,
      fetched: 0,
      total: null,
      removed: 0,
      requestedAt: new Date(),
      startedAt: null,
      finishedAt: null,
      error: null,
    };
    // One sync at a time: the conditional write decides between concurrent requests. A sync still
    // queued after STALE_QUEUED_MS never got its job (the process stopped before enqueuing): take it over.
    const claimed = previous
      ? ((
          await this.db
            .createQueryBuilder()
            .update(CatalogSyncRow)
            .set(queued as never)
            .where('integration_id = :id', { id: integration.id })
            .andWhere(
              "(status NOT IN ('queued', 'running') OR (status = 'queued' AND requested_at < :stale))",
              {
                stale: new Date(Date.now() - STALE_QUEUED_MS),
              },
            )
            .execute()
        ).affected ?? 0) > 0
      : await repository
          .insert({
            integrationId: integration.id,
            organizationId: principal.organizationId,
            products: 0,
            lastSuccessAt: null,
            watermark: null,
            ...queued,
          } as never)
          .then(
            () => true,
            () => false,
          );
    if (!claimed)
      throw new AppError('conflict', 'A sync of this integration is already queued or running.', {
        extra: { sync: await this.syncStatus(principal, integration.id) },
      });
    const data: CatalogSyncJobData = {
      organizationId: principal.organizationId,
      integrationId: integration.id,
    };
    try {
      await this.jobs.enqueue(CATALOG_SYNC_JOB, data);
    } catch (error) {
      await repository.update({ integrationId: integration.id }, {
        status: 'failed',
        finishedAt: new Date(),
        error: {
          code: 'internal',
          message: 'The sync could not be queued.',
          marketplace_code: null,
          retryable: true,
        },
      } as never);
      throw error;
    }
    return this.syncStatus(principal, integration.id);
  }

  async syncStatus(principal: Principal, integrationId: string): Promise<CatalogSync> {
    const row = await this.db
      .getRepository(CatalogSyncRow)
      .findOneBy({ integrationId, organizationId: principal.organizationId });
    if (!row) {
      await this.integrations.get(principal, integrationId);
      throw new AppError(
        'not_found',
        'This integration has not been synced yet; POST …/sync starts the first sync.',
      );
    }
    return toCatalogSync(row);
  }

  /** The synced catalog, most recently changed first, optionally one integration's and filtered by a search. */
  async list(
    principal: Principal,
    query: { integration?: string; search?: string; cursor?: string; limit: number },
  ): Promise<{ data: CatalogItem[]; next_cursor: string | null }> {
    if (query.integration) await this.integrations.get(principal, query.integration);
    const builder = this.db
      .getRepository(CatalogItemRow)
      .createQueryBuilder('c')
      .where('c.organization_id = :org', { org: principal.organizationId });
    if (query.integration)
      builder.andWhere('c.integration_id = :integration', { integration: query.integration });
    if (query.search) {
      const pattern = `%${query.search.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
      builder.andWhere(
        "(LOWER(c.title) LIKE :pattern ESCAPE '!' OR LOWER(c.skus) LIKE :pattern ESCAPE '!' OR LOWER(c.product_id) LIKE :pattern ESCAPE '!')",
        { pattern },
      );
    }
    const { rows: page, next_cursor } = await newestFirst(
      builder,
      { sql: 'c.updated_at', of: (row) => row.updatedAt },
      query,
    );
    const marketplaces = await this.marketplacesOf(page);
    return { data: page.map((row) => toCatalogItem(row, marketplaces.get(row.integrationId)!)), next_cursor };
  }

  private async marketplacesOf(rows: CatalogItemRow[]): Promise<Map<string, IntegrationRow['marketplace']>> {
    const ids = [...new Set(rows.map((row) => row.integrationId))];
    if (ids.length === 0) return new Map();
    const integrations = await this.db
      .getRepository(IntegrationRow)
      .find({ where: { id: In(ids) }, select: { id: true, marketplace: true } });
    return new Map(integrations.map((row) => [row.id, row.marketplace]));
  }
}

function toCatalogItem(row: CatalogItemRow, marketplace: IntegrationRow['marketplace']): CatalogItem {
  return {
    id: row.id,
    integration_id: row.integrationId,
    marketplace,
    product_id: row.productId,
    title: row.title,
    skus: row.skus,
    variants: row.variants,
    images: row.images,
    updated_at: row.updatedAt.toISOString(),
    synced_at: row.syncedAt.toISOString(),
  };
}
