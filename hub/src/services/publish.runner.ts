import { buffer } from 'node:stream/consumers';
import type { DataSource } from 'typeorm';
import type { MarketplaceConnector, PublishResult } from '@pixport/marketplace';
import type { MarketplaceFailure } from '@pixport/shared';
import { CatalogItemRow } from '../db/entities/catalog-item.entity.js';
import { PublishEventRow } from '../db/entities/publish-event.entity.js';
import type { Logger } from '../logger.js';
import type { WebhookDispatcher } from '../webhooks/dispatcher.service.js';
import { upsertCatalogItems } from './catalog-store.js';
import type { IntegrationService } from './integration.service.js';
import { unsignedLink } from './result-links.js';
import { failureOf } from './marketplace-error.js';
import type { PublishJobData } from './publish.service.js';
import type { ResultLinks } from './result-links.js';
import type { ResultService } from './result.service.js';

type Outcome =
  { status: 'succeeded'; published: PublishResult } | { status: 'failed'; error: MarketplaceFailure };

const INTERRUPTED: MarketplaceFailure = {
  code: 'internal',
  message:
    'The worker stopped while publishing; check the product on the marketplace before publishing again.',
  marketplace_code: null,
  retryable: true,
};

/**
 * Runs one publish (the `publish-image` job): claims it, hands the image to the connector, records
 * the outcome, refreshes the product in the synced catalog, and notifies `publish.succeeded` /
 * `publish.failed`. A marketplace call is never repeated: a publish found half-done after a crash
 * ends `failed` (the image may or may not be on the product) instead of risking a duplicate. The
 * webhook event is at least once (a failed notification throws, agenda retries, the event is deduped).
 */
export class PublishRunner {
  constructor(
    private readonly db: DataSource,
    private readonly integrations: IntegrationService,
    private readonly results: ResultService,
    private readonly links: ResultLinks,
    private readonly webhooks: WebhookDispatcher,
    private readonly logger: Logger,
  ) {}

  /** `jobId`: the running job; a publish that names another job (the recovery sweep gave it one) is left to that job. */
  async run({ publishId }: PublishJobData, jobId: string): Promise<void> {
    const row = await this.repository.findOneBy({ id: publishId });
    if (!row || (row.jobId !== null && row.jobId !== jobId)) return;
    if (row.status === 'queued' && (await this.claim(row, jobId))) {
      const { outcome, connector } = await this.publish(row);
      await this.finish(row, outcome);
      if (connector) await this.refreshCatalog(row, connector);
    } else if (row.status === 'publishing') await this.finish(row, { status: 'failed', error: INTERRUPTED });
    if ((row.status === 'succeeded' || row.status === 'failed') && !row.notifiedAt) await this.notify(row);
  }

  /** Queued → publishing, only while the publish names no job or this one (the sweep may have just given it another). */
  private async claim(row: PublishEventRow, jobId: string): Promise<boolean> {
    const startedAt = new Date();
    const { affected } = await this.repository
      .createQueryBuilder()
      .update()
      .set({ status: 'publishing', startedAt, jobId })
      .where('id = :id AND status = :status', { id: row.id, status: 'queued' })
      .andWhere('(job_id IS NULL OR job_id = :jobId)', { jobId })
      .execute();
    if (affected) Object.assign(row, { status: 'publishing', startedAt, jobId });
    return Boolean(affected);
  }

  private async publish(
    row: PublishEventRow,
  ): Promise<{ outcome: Outcome; connector?: MarketplaceConnector }> {
    try {
      const { integration, connector } = await this.integrations.connect(
        row.organizationId,
        row.integrationId,
      );
      const { result, stream } = await this.results.open(row.organizationId, row.resultId);
      const data = await buffer(stream);
      // The bridge needs a public link; WooCommerce can sideload one when there is no media-upload password.
      const linked =
        integration.marketplace === 'amazon-bridge' ||
        (integration.marketplace === 'woocommerce' && this.links.available);
      const publicUrl = linked ? this.links.create(result).url : undefined;
      const published = await connector.publishImage(
        row.productId,
        { data, filename: result.filename, contentType: result.contentType, publicUrl },
        {
          position: row.position ?? undefined,
          replaceImageId: row.replaceImageId ?? undefined,
          alt: row.alt ?? undefined,
          variantIds: row.variantIds.length > 0 ? row.variantIds : undefined,
        },
      );
      return { outcome: { status: 'succeeded', published }, connector };
    } catch (error) {
      const failure = failureOf(error, (unexpected) =>
        this.logger.error({ err: unexpected, publish: row.id }, 'publish failed'),
      );
      return { outcome: { status: 'failed', error: failure } };
    }
  }

  private async finish(row: PublishEventRow, outcome: Outcome): Promise<void> {
    const change: Partial<PublishEventRow> =
      outcome.status === 'succeeded'
        ? {
            status: 'succeeded',
            // A signed link (the Amazon bridge's, a sideloaded WooCommerce image) is kept without its signature.
            image: { ...outcome.published.image, url: unsignedLink(outcome.published.image.url) },
            replaced: outcome.published.replaced,
            warnings: outcome.published.warnings,
          }
        : { status: 'failed', error: outcome.error };
    change.finishedAt = new Date();
    await this.repository.update({ id: row.id, status: 'publishing' }, change as never);
    Object.assign(row, change);
  }

  /** The synced catalog shows the product's new images (only when the product is in it; best effort). */
  private async refreshCatalog(row: PublishEventRow, connector: MarketplaceConnector): Promise<void> {
    try {
      const listed = await this.db
        .getRepository(CatalogItemRow)
        .existsBy({ integrationId: row.integrationId, productId: row.productId });
      if (!listed) return;
      const product = await connector.getProduct(row.productId);
      await upsertCatalogItems(
        this.db,
        { organizationId: row.organizationId, integrationId: row.integrationId },
        [product],
        new Date(),
      );
    } catch (error) {
      this.logger.warn(
        { err: error, publish: row.id },
        'could not refresh the published product in the catalog',
      );
    }
  }

  private async notify(row: PublishEventRow): Promise<void> {
    await this.webhooks.publish({
      organizationId: row.organizationId,
      type: row.status === 'succeeded' ? 'publish.succeeded' : 'publish.failed',
      subjectId: row.id,
      sourceId: `${row.id}.${row.status}`,
      fields: {
        publish_id: row.id,
        integration_id: row.integrationId,
        marketplace: row.marketplace,
        product_id: row.productId,
        result_id: row.resultId,
        task_id: row.taskId,
        status: row.status,
        image: row.image,
        replaced: row.replaced,
        warnings: row.warnings,
        ...(row.error
          ? {
              error: {
                code: row.error.code,
                message: row.error.message,
                marketplace_code: row.error.marketplace_code,
              },
            }
          : {}),
      },
    });
    await this.repository.update({ id: row.id }, { notifiedAt: new Date() });
  }

  private get repository() {
    return this.db.getRepository(PublishEventRow);
  }
}
