import { In, type DataSource } from 'typeorm';
import type { CatalogFacets, CatalogFilters, CatalogItem, CatalogPage, CatalogSync } from '@pixport/shared';
import { CatalogImageCheckRow } from '../db/entities/catalog-image-check.entity.js';
import { CatalogItemCollectionRow } from '../db/entities/catalog-item-collection.entity.js';
import { CatalogItemRow } from '../db/entities/catalog-item.entity.js';
import { CatalogSyncRow } from '../db/entities/catalog-sync.entity.js';
import { IntegrationRow } from '../db/entities/integration.entity.js';
import { AppError } from '../errors.js';
import type { Enqueue } from './job-port.js';
import { newestFirst } from '../lib/keyset-page.js';
import { imageVerdicts, productVerdicts } from './catalog-compliance.dto.js';
import { applyCatalogFilters, filtersOf } from './catalog-filters.js';
import type { SyncedImage } from './catalog-store.js';
import { toCatalogSync } from './catalog-sync.dto.js';
import { requireMarketplaceWriter, type IntegrationService } from './integration.service.js';
import type { Principal } from './principal.js';

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
    /** The `catalog-sync` job. */
    private readonly enqueueSync: Enqueue<CatalogSyncJobData>,
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
      await this.enqueueSync(data);
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

  /** The synced catalog, most recently changed first, optionally one integration's, filtered; `total` counts every match. */
  async list(
    principal: Principal,
    query: CatalogFilters & { integration?: string; integration_id?: string; search?: string; cursor?: string; limit: number },
  ): Promise<CatalogPage> {
    const integration = query.integration ?? query.integration_id;
    if (integration) await this.integrations.get(principal, integration);
    const builder = this.db
      .getRepository(CatalogItemRow)
      .createQueryBuilder('c')
      .where('c.organization_id = :org', { org: principal.organizationId });
    if (integration) builder.andWhere('c.integration_id = :integration', { integration });
    applyCatalogFilters(builder, { ...filtersOf(query), q: query.q ?? query.search });
    const counting = builder.clone();
    const [{ rows: page, next_cursor }, total] = await Promise.all([
      newestFirst(builder, { sql: 'c.updated_at', of: (row) => row.updatedAt }, query),
      counting.getCount(),
    ]);
    const [marketplaces, checks] = await Promise.all([this.marketplacesOf(page), this.checksOf(page)]);
    return {
      data: page.map((row) => toCatalogItem(row, marketplaces.get(row.integrationId)!, checks)),
      next_cursor,
      total,
    };
  }

  /** The distinct vendors, product types and collections of the organization's (or one integration's) catalog. */
  async facets(principal: Principal, query: { integration_id?: string }): Promise<CatalogFacets> {
    if (query.integration_id) await this.integrations.get(principal, query.integration_id);
    const distinct = async (column: 'vendor' | 'product_type'): Promise<string[]> => {
      const builder = this.db
        .getRepository(CatalogItemRow)
        .createQueryBuilder('c')
        .select(`DISTINCT c.${column}`, 'value')
        .where('c.organization_id = :org', { org: principal.organizationId })
        .andWhere(`c.${column} IS NOT NULL`)
        .orderBy('value', 'ASC');
      if (query.integration_id) builder.andWhere('c.integration_id = :integration', { integration: query.integration_id });
      return (await builder.getRawMany<{ value: string }>()).map((row) => row.value);
    };
    const collections = this.db
      .getRepository(CatalogItemCollectionRow)
      .createQueryBuilder('cc')
      .select('cc.collection_id', 'id')
      .addSelect('MAX(cc.title)', 'title')
      .groupBy('cc.collection_id')
      .orderBy('title', 'ASC')
      .addOrderBy('id', 'ASC');
    if (query.integration_id) collections.where('cc.integration_id = :integration', { integration: query.integration_id });
    else
      collections.where('cc.integration_id IN (SELECT i.id FROM integrations i WHERE i.organization_id = :org)', {
        org: principal.organizationId,
      });
    const [vendors, productTypes, collectionRows] = await Promise.all([
      distinct('vendor'),
      distinct('product_type'),
      collections.getRawMany<{ id: string; title: string }>(),
    ]);
    return {
      vendors,
      product_types: productTypes,
      collections: collectionRows.map((row) => ({ id: String(row.id), title: String(row.title) })),
    };
  }

  /** The compliance checks of a page's images, by item id and image id. */
  private async checksOf(rows: CatalogItemRow[]): Promise<Map<string, CatalogImageCheckRow>> {
    if (rows.length === 0) return new Map();
    const checks = await this.db
      .getRepository(CatalogImageCheckRow)
      .find({ where: { itemId: In(rows.map((row) => row.id)) } });
    return new Map(checks.map((check) => [`${check.itemId}\n${check.imageId}`, check]));
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

function toCatalogItem(
  row: CatalogItemRow,
  marketplace: IntegrationRow['marketplace'],
  checks: Map<string, CatalogImageCheckRow>,
): CatalogItem {
  return {
    id: row.id,
    integration_id: row.integrationId,
    marketplace,
    product_id: row.productId,
    title: row.title,
    vendor: row.vendor ?? null,
    product_type: row.productType ?? null,
    status: row.status ?? null,
    collections: row.collections ?? [],
    skus: row.skus,
    variants: row.variants,
    images: row.images.map((image: SyncedImage) => ({
      id: image.id,
      url: image.url,
      alt: image.alt ?? null,
      position: image.position,
      variant_ids: image.variant_ids ?? [],
      compliance: imageVerdicts(checks.get(`${row.id}\n${image.id}`), image.url),
    })),
    compliance: productVerdicts(row),
    updated_at: row.updatedAt.toISOString(),
    synced_at: row.syncedAt.toISOString(),
  };
}
