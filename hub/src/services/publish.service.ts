import { IsNull, type DataSource } from 'typeorm';
import { ConnectorError, type MarketplaceProduct } from '@pixport/marketplace';
import type { PublishBody, PublishEvent } from '@pixport/shared';
import { upsertCatalogItems } from './catalog-store.js';
import { marketplaceFailure, marketplaceProblem } from './marketplace-error.js';
import { CatalogItemRow } from '../db/entities/catalog-item.entity.js';
import { PublishEventRow, type PublishStatus } from '../db/entities/publish-event.entity.js';
import { AppError, invalidParameter, notFound } from '../errors.js';
import type { Enqueue, RequeueStranded, StrandedRowsKind } from './job-port.js';
import { newestFirst } from '../lib/keyset-page.js';
import { newId } from '../lib/ids.js';
import { requireMarketplaceWriter, type IntegrationService } from './integration.service.js';
import { actorOf, type Principal } from './principal.js';
import type { ResultLinks } from './result-links.js';
import type { ResultRecord, ResultService } from './result.service.js';
import type { TaskService } from './tasks/task.service.js';

export interface PublishJobData {
  publishId: string;
}

/** The queue as publishes see it: the `publish-image` job, and the sweep for publishes whose job went missing. */
export interface PublishJobs {
  publishImage: Enqueue<PublishJobData>;
  requeueStranded: RequeueStranded;
}

/**
 * Direct publish, the HTTP side: checks the integration and the image (a result, or a task's), records
 * the publish as `queued` and leaves the marketplace call to the `publish-image` job (PublishRunner).
 * The rows double as the publish activity log.
 */
export class PublishService {
  constructor(
    private readonly db: DataSource,
    private readonly integrations: IntegrationService,
    private readonly results: ResultService,
    private readonly tasks: TaskService,
    private readonly links: ResultLinks,
    private readonly jobs: PublishJobs,
  ) {}

  /** `options.id`: the id to give the publish (a caller that records it first, to find it again after a crash). */
  async request(
    principal: Principal,
    input: PublishBody,
    options: { id?: string } = {},
  ): Promise<PublishEvent> {
    requireMarketplaceWriter(principal, 'publish images');
    const integration = await this.integrations.get(principal, input.integration_id);
    const result = input.task_id
      ? await this.taskResult(principal, input.task_id)
      : await this.results.get(principal.organizationId, input.result_id!);
    if (!result.contentType.startsWith('image/')) {
      throw invalidParameter(
        input.task_id ? 'task_id' : 'result_id',
        `is a ${result.contentType} result, not an image`,
      );
    }
    if (integration.marketplace === 'amazon-bridge') this.links.requireAvailable();
    const item = await this.db.getRepository(CatalogItemRow).findOne({
      where: { integrationId: integration.id, productId: input.product_id },
      select: { id: true, title: true },
    });
    const row: PublishEventRow = {
      id: options.id ?? newId('pub'),
      organizationId: principal.organizationId,
      ...actorOf(principal),
      integrationId: integration.id,
      marketplace: integration.marketplace,
      productId: input.product_id,
      productTitle: item?.title ?? null,
      resultId: result.id,
      taskId: input.task_id ?? null,
      status: 'queued',
      jobId: null,
      position: input.position ?? null,
      replaceImageId: input.replace_image_id ?? null,
      alt: input.alt ?? null,
      variantIds: input.variant_ids ?? [],
      image: null,
      replaced: null,
      warnings: [],
      error: null,
      createdAt: new Date(),
      startedAt: null,
      finishedAt: null,
      notifiedAt: null,
      restoredAt: null,
    };
    const repository = this.db.getRepository(PublishEventRow);
    await repository.insert(row as never);
    let jobId: string;
    try {
      jobId = await this.jobs.publishImage({ publishId: row.id });
    } catch (error) {
      await repository.delete({ id: row.id, status: 'queued' });
      throw error;
    }
    // A crash before this line leaves the publish to the recovery sweep (`recover`).
    await repository.update({ id: row.id, jobId: IsNull() }, { jobId });
    return toPublishEvent(row);
  }

  /**
   * Undo a succeeded publish through the connector's `restoreImage`: the replaced original goes back
   * where it was (alt text, variant links), the published image is detached (the marketplace keeps the
   * file). Idempotent: a restored event is answered as it is. One restore at a time (a conditional
   * update claims the event); a marketplace failure puts it back to `succeeded` with the error.
   */
  async restore(principal: Principal, id: string): Promise<PublishEvent> {
    requireMarketplaceWriter(principal, 'restore published images');
    const repository = this.db.getRepository(PublishEventRow);
    const row = await repository.findOneBy({ id, organizationId: principal.organizationId });
    if (!row) throw notFound('Publish event');
    if (row.status === 'restored') return toPublishEvent(row);
    if (row.status !== 'succeeded' || !row.image) {
      throw new AppError('conflict', `This publish is ${row.status}; only succeeded publishes can be restored.`, {
        extra: { publish_status: row.status },
      });
    }
    const { connector } = await this.integrations.connect(principal.organizationId, row.integrationId);
    if (!connector.capabilities.restore) {
      throw new AppError('conflict', `${row.marketplace} publishes cannot be restored.`);
    }
    const claimed = await repository.update({ id: row.id, organizationId: row.organizationId, status: 'succeeded' }, { status: 'restoring' });
    if (claimed.affected !== 1) {
      const now = await repository.findOneByOrFail({ id: row.id });
      if (now.status === 'restored') return toPublishEvent(now);
      throw new AppError('conflict', `This publish is ${now.status}.`, { extra: { publish_status: now.status } });
    }
    let product: MarketplaceProduct;
    try {
      product = await connector.restoreImage(row.productId, { image: row.image, replaced: row.replaced, warnings: row.warnings });
    } catch (error) {
      const failure = error instanceof ConnectorError ? marketplaceFailure(error) : null;
      await repository.update({ id: row.id, status: 'restoring' }, { status: 'succeeded', ...(failure ? { error: failure } : {}) } as never);
      throw error instanceof ConnectorError ? marketplaceProblem(error) : error;
    }
    const change = { status: 'restored' as const, restoredAt: new Date(), error: null };
    await repository.update({ id: row.id, status: 'restoring' }, change);
    await upsertCatalogItems(this.db, { organizationId: row.organizationId, integrationId: row.integrationId }, [product], new Date());
    return toPublishEvent({ ...row, ...change });
  }

  /** Only `queued` publishes are given a new job: one found `publishing` may be on the marketplace already. */
  private readonly stranded: StrandedRowsKind<PublishEventRow> = {
    entity: PublishEventRow,
    live: ['queued'],
    enqueue: (publishId) => this.jobs.publishImage({ publishId }),
  };

  /**
   * The `recover-publishes` sweep: a publish still queued a minute after it was recorded whose job is
   * missing (the process stopped between recording it and enqueuing) gets a new job.
   */
  async recover(now = new Date()): Promise<{ requeued: number }> {
    return { requeued: (await this.jobs.requeueStranded(this.stranded, now)).length };
  }

  async get(principal: Principal, id: string): Promise<PublishEvent> {
    const row = await this.db
      .getRepository(PublishEventRow)
      .findOneBy({ id, organizationId: principal.organizationId });
    if (!row) throw notFound('Publish event');
    return toPublishEvent(row);
  }

  /** Recent publish activity, newest first. */
  async list(
    principal: Principal,
    query: {
      cursor?: string;
      limit: number;
      integration?: string;
      product_id?: string;
      status?: PublishStatus;
    },
  ): Promise<{ data: PublishEvent[]; next_cursor: string | null }> {
    const builder = this.db
      .getRepository(PublishEventRow)
      .createQueryBuilder('p')
      .where('p.organization_id = :org', { org: principal.organizationId });
    if (query.integration)
      builder.andWhere('p.integration_id = :integration', { integration: query.integration });
    if (query.product_id) builder.andWhere('p.product_id = :product', { product: query.product_id });
    if (query.status) builder.andWhere('p.status = :status', { status: query.status });
    const { rows, next_cursor } = await newestFirst(
      builder,
      { sql: 'p.created_at', of: (row) => row.createdAt },
      query,
    );
    return { data: rows.map(toPublishEvent), next_cursor };
  }

  /** The output of a succeeded task (409 while it runs, 409 if it failed, 410 once expired). */
  private async taskResult(principal: Principal, taskId: string): Promise<ResultRecord> {
    const task = await this.tasks.get(principal, taskId);
    if (task.status === 'queued' || task.status === 'processing') {
      throw new AppError(
        'task_not_finished',
        `Task ${taskId} is ${task.status}; publish it once it has succeeded.`,
        { extra: { task_status: task.status } },
      );
    }
    if (task.status === 'expired')
      throw new AppError('result_expired', `The result of task ${taskId} has expired.`);
    if (task.status !== 'succeeded' || !task.result) {
      throw new AppError('conflict', `Task ${taskId} ${task.status}; it has no image to publish.`, {
        extra: { task_status: task.status },
      });
    }
    return task.result;
  }
}

export function toPublishEvent(row: PublishEventRow): PublishEvent {
  return {
    id: row.id,
    integration_id: row.integrationId,
    marketplace: row.marketplace,
    product_id: row.productId,
    product_title: row.productTitle,
    result_id: row.resultId,
    task_id: row.taskId,
    status: row.status,
    position: row.position,
    replace_image_id: row.replaceImageId,
    alt: row.alt,
    variant_ids: row.variantIds,
    image: row.image,
    replaced: row.replaced,
    warnings: row.warnings,
    error: row.error,
    created_at: row.createdAt.toISOString(),
    started_at: row.startedAt?.toISOString() ?? null,
    finished_at: row.finishedAt?.toISOString() ?? null,
    restored_at: row.restoredAt?.toISOString() ?? null,
  };
}
