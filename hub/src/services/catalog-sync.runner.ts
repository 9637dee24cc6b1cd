import { LessThan, type DataSource } from 'typeorm';
import type { SyncProgress } from '@pixport/marketplace';
import { CatalogItemRow } from '../db/entities/catalog-item.entity.js';
import { CatalogSyncRow } from '../db/entities/catalog-sync.entity.js';
import type { Enqueue } from './job-port.js';
import type { Logger } from '../logger.js';
import type { CatalogComplianceJobData } from './catalog-compliance.runner.js';
import type { CatalogSyncJobData } from './catalog.service.js';
import { deleteCatalog, deleteOrphans, upsertCatalogItems } from './catalog-store.js';
import type { IntegrationService } from './integration.service.js';
import { failureOf } from './marketplace-error.js';

const PROGRESS_EVERY_MS = 1000;
/**
 * The next incremental run asks for products changed after min(newest change seen, run start − this):
 * a product changed while the run was reading (after its page) is read again next time, and the
 * marketplace's clock may be this far off ours.
 */
const CLOCK_MARGIN_MS = 5 * 60_000;

/** Signals the run was abandoned (the integration was deleted meanwhile). */
class SyncGone extends Error {}

/**
 * Runs one catalog sync (the `catalog-sync` job): reads the catalog through the connector, upserts
 * every product, records progress, and on success moves the watermark (and, for a full run, drops
 * products the marketplace no longer has). A re-run after a crash starts over; writes are idempotent.
 */
export class CatalogSyncRunner {
  constructor(
    private readonly db: DataSource,
    private readonly integrations: IntegrationService,
    private readonly logger: Logger,
    /** The `catalog-compliance` job, queued after each sync. */
    private readonly enqueueCompliance: Enqueue<CatalogComplianceJobData>,
  ) {}

  async run(
    { organizationId, integrationId }: CatalogSyncJobData,
    heartbeat: (percent?: number) => Promise<unknown>,
  ): Promise<void> {
    const states = this.db.getRepository(CatalogSyncRow);
    const state = await states.findOneBy({ integrationId, organizationId });
    if (!state || (state.status !== 'queued' && state.status !== 'running')) return;
    const startedAt = new Date();
    const full = state.mode === 'full';
    let progress: SyncProgress = { fetched: 0, total: null, strategy: 'paged' };
    let newest: number | null = null;
    const save = async (change: Partial<CatalogSyncRow>) => {
      const { affected } = await states.update({ integrationId, organizationId }, change as never);
      if (!affected) throw new SyncGone();
    };
    try {
      await save({ status: 'running', startedAt, fetched: 0, total: null, strategy: null, error: null });
      const { connector } = await this.integrations.connect(organizationId, integrationId);
      let savedAt = Date.now();
      const batches = connector.syncCatalog({
        updatedSince: full ? undefined : state.watermark?.toISOString(),
        onProgress: (p) => (progress = p),
      });
      for await (const products of batches) {
        await upsertCatalogItems(this.db, { organizationId, integrationId }, products, startedAt);
        for (const product of products) {
          const changed = Date.parse(product.updated_at);
          if (Number.isFinite(changed) && (newest === null || changed > newest)) newest = changed;
        }
        if (Date.now() - savedAt >= PROGRESS_EVERY_MS) {
          await save({ fetched: progress.fetched, total: progress.total, strategy: progress.strategy });
          await heartbeat(
            progress.total ? Math.min(99, Math.floor((progress.fetched / progress.total) * 100)) : undefined,
          );
          savedAt = Date.now();
        }
      }
      const items = this.db.getRepository(CatalogItemRow);
      const removed = full
        ? ((await items.delete({ integrationId, syncedAt: LessThan(startedAt) })).affected ?? 0)
        : 0;
      if (removed > 0) await deleteOrphans(this.db, integrationId);
      const products = await items.countBy({ integrationId });
      // Only products changed after the old watermark came back, so this never moves it backwards.
      const watermark =
        newest === null ? state.watermark : new Date(Math.min(newest, startedAt.getTime() - CLOCK_MARGIN_MS));
      const finishedAt = new Date();
      await save({
        status: 'succeeded',
        fetched: progress.fetched,
        total: progress.total,
        strategy: progress.strategy,
        products,
        removed,
        finishedAt,
        lastSuccessAt: finishedAt,
        watermark,
      });
      // The images it brought are checked against the marketplaces' rules (a lost job waits for the next sync).
      await this.enqueueCompliance({ organizationId, integrationId })
        .catch((error: unknown) =>
          this.logger.warn({ err: error, integration: integrationId }, 'could not queue the compliance check'),
        );
    } catch (error) {
      if (error instanceof SyncGone) return this.forget(integrationId);
      const failure = failureOf(error, (unexpected) =>
        this.logger.error({ err: unexpected, integration: integrationId }, 'catalog sync failed'),
      );
      await states
        .update({ integrationId, organizationId }, {
          status: 'failed',
          fetched: progress.fetched,
          total: progress.total,
          finishedAt: new Date(),
          error: failure,
        } as never)
        .then(({ affected }) => (affected ? undefined : this.forget(integrationId)));
    }
  }

  /** The integration was deleted while syncing: drop what this run wrote after the delete. */
  private async forget(integrationId: string): Promise<void> {
    await deleteCatalog(this.db, integrationId);
  }
}
