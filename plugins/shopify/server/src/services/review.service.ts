// Review, publish and restore of a job's images. Publishing goes through the hub (POST /api/v1/publish:
// the processed image takes the original's place, with its alt text and variant links); nothing
// unapproved is published unless the job auto-publishes. Restores use the hub's restore route, which
// puts the original back. Both run in the worker, one task per image.
import { In, IsNull, type DataSource, type Repository } from 'typeorm';
import type { JobItem, JobItemPage, RestoreBody, ReviewBody } from '../api/contract.js';
import { JobItemRow } from '../db/entities/job-item.entity.js';
import { ShopRow } from '../db/entities/shop.entity.js';
import { AppError } from '../errors.js';
import { hubRequest } from '../hub/hub-shapes.js';
import type { MediaSigner } from '../lib/signed-url.js';
import { RetryLater, type TaskQueue } from '../worker/task-queue.js';
import { originalRef } from './catalog.service.js';
import type { FingerprintService } from './fingerprint.service.js';
import type { JobsService } from './jobs.service.js';
import type { ShopContexts } from './shop-context.js';

interface HubPublishEvent {
  id: string;
  status: string;
  image: { id: string } | null;
  error: { code: string; message: string } | null;
}

export class ReviewService {
  private readonly items: Repository<JobItemRow>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly contexts: ShopContexts,
    private readonly jobs: JobsService,
    private readonly queue: TaskQueue,
    private readonly signer: MediaSigner,
    private readonly fingerprints: FingerprintService,
  ) {
    this.items = dataSource.getRepository(JobItemRow);
  }

  async list(shop: string, jobId: string, query: { status?: string; review?: string; publish?: string; product_id?: string; cursor?: string; limit: number }): Promise<JobItemPage> {
    await this.jobs.syncItems(shop, jobId);
    const where: Record<string, unknown> = { jobId, shop };
    for (const name of ['status', 'review', 'publish'] as const) if (query[name]) where[name] = query[name];
    if (query.product_id) where.productId = query.product_id;
    const offset = query.cursor ? Number(query.cursor) || 0 : 0;
    const rows = await this.items.find({ where, order: { productId: 'ASC', position: 'ASC', id: 'ASC' }, skip: offset, take: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    if (page.some((row) => !row.productTitle)) await this.jobs.fillTitles(await this.contexts.of(shop), page);
    return { items: page.map((row) => this.view(shop, row)), next_cursor: rows.length > query.limit ? String(offset + query.limit) : null };
  }

  async review(shop: string, jobId: string, body: ReviewBody): Promise<{ updated: number }> {
    await this.jobs.row(shop, jobId);
    await this.jobs.syncItems(shop, jobId, { force: true });
    const where = { jobId, shop, status: In(['succeeded', 'skipped']), publish: In(['none', 'failed']), ...(body.all ? {} : { id: In(body.item_ids ?? []) }) };
    const result = await this.items.update(where, { review: body.decision, updatedAt: new Date() });
    return { updated: result.affected ?? 0 };
  }

  /** Queues a publish for each approved, processed, not yet published image of the job (or of `item_ids`). */
  async publish(shop: string, jobId: string, body: { item_ids?: string[]; all?: true }): Promise<{ queued: number }> {
    await this.jobs.row(shop, jobId);
    const candidates = await this.items.find({ where: { jobId, shop, review: 'approved', status: In(['succeeded', 'skipped']), publish: In(['none', 'failed']), ...(body.all || !body.item_ids ? {} : { id: In(body.item_ids) }) } });
    let queued = 0;
    for (const item of candidates) {
      if (!item.resultId) continue;
      // The conditional update is the claim: a double click queues one publish.
      const claimed = await this.items.update({ id: item.id, publish: item.publish }, { publish: 'publishing', error: null, updatedAt: new Date() });
      if (!claimed.affected) continue;
      await this.queue.enqueue(shop, 'publish', { item_id: item.id });
      queued++;
    }
    return { queued };
  }

  async restore(shop: string, body: RestoreBody): Promise<{ queued: number }> {
    const where: Record<string, unknown> = { shop, publish: 'published' };
    if ('item_ids' in body) where.id = In(body.item_ids);
    else if ('product_id' in body) where.productId = body.product_id;
    else {
      await this.jobs.row(shop, body.job_id);
      where.jobId = body.job_id;
    }
    const items = await this.items.find({ where });
    let queued = 0;
    for (const item of items) {
      const claimed = await this.items.update({ id: item.id, publish: 'published' }, { publish: 'restoring', updatedAt: new Date() });
      if (!claimed.affected) continue;
      await this.queue.enqueue(shop, 'restore', { item_id: item.id });
      queued++;
    }
    return { queued };
  }

  /** Worker: one publish. The event id is kept on the item before anything else, so a retry polls it instead of publishing twice. */
  async runPublish(shop: string, itemId: string): Promise<string> {
    const item = await this.items.findOneBy({ id: itemId, shop });
    if (!item || item.publish !== 'publishing') return 'nothing to publish';
    const context = await this.contexts.of(shop);
    let event: HubPublishEvent;
    if (!item.publishEventId) {
      try {
        event = await this.contexts.call(() =>
          hubRequest<HubPublishEvent>(context.hub, 'post', '/api/v1/publish', {
            data: {
              integration_id: context.linked.integrationId,
              product_id: item.productId,
              result_id: item.resultId,
              replace_image_id: item.imageId,
              ...(item.alt ? { alt: item.alt } : {}),
              ...(item.variantIds.length > 0 ? { variant_ids: item.variantIds } : {}),
            },
          }),
        );
      } catch (error) {
        if (error instanceof AppError && error.status < 500 && error.code !== 'rate_limited') return this.failPublish(item, error.code, error.message);
        throw error;
      }
      await this.items.update({ id: item.id }, { publishEventId: event.id });
    } else {
      event = await this.contexts.call(() => context.hub.publishEvent(item.publishEventId!) as unknown as Promise<HubPublishEvent>);
    }
    if (event.status === 'queued' || event.status === 'publishing') throw new RetryLater(500, `publish ${event.status}`);
    if (event.status !== 'succeeded') return this.failPublish(item, event.error?.code ?? 'marketplace_rejected', event.error?.message ?? 'The publish failed.');
    await this.items.update({ id: item.id }, { publish: 'published', publishedImageId: event.image?.id ?? null, error: null, updatedAt: new Date() });
    await this.dataSource.getRepository(ShopRow).update({ shop, firstPublishAt: IsNull() }, { firstPublishAt: new Date() });
    await this.fingerprints.recordPublished(context, item.productId, [item.imageId, event.image?.id].filter((id): id is string => !!id));
    return `published ${event.id}`;
  }

  private async failPublish(item: JobItemRow, code: string, message: string): Promise<string> {
    await this.items.update({ id: item.id }, { publish: 'failed', error: { code, message }, updatedAt: new Date() });
    return `publish failed: ${code}`;
  }

  async runRestore(shop: string, itemId: string): Promise<string> {
    const item = await this.items.findOneBy({ id: itemId, shop });
    if (!item || item.publish !== 'restoring' || !item.publishEventId) return 'nothing to restore';
    const context = await this.contexts.of(shop);
    try {
      await this.contexts.call(() => hubRequest(context.hub, 'post', `/api/v1/publish/events/${encodeURIComponent(item.publishEventId!)}/restore`));
    } catch (error) {
      if (error instanceof AppError && error.status < 500 && error.code !== 'rate_limited') {
        await this.items.update({ id: item.id }, { publish: 'published', error: { code: error.code, message: `Restore failed: ${error.message}` }, updatedAt: new Date() });
        return `restore failed: ${error.code}`;
      }
      throw error;
    }
    await this.items.update({ id: item.id }, { publish: 'restored', error: null, updatedAt: new Date() });
    await this.fingerprints.recordPublished(context, item.productId, [item.imageId]);
    return 'restored';
  }

  /** Images the hub published within an auto-publish run: the published image id, onboarding, loop-safety. */
  async recordHubPublished(shop: string, items: JobItemRow[]): Promise<void> {
    const context = await this.contexts.of(shop);
    const byProduct = new Map<string, string[]>();
    for (const item of items) {
      const event = await this.contexts.call(() => context.hub.publishEvent(item.publishEventId!) as unknown as Promise<HubPublishEvent>);
      const imageId = event.image?.id ?? null;
      await this.items.update({ id: item.id }, { publishedImageId: imageId });
      byProduct.set(item.productId, [...(byProduct.get(item.productId) ?? []), item.imageId, ...(imageId ? [imageId] : [])]);
    }
    await this.dataSource.getRepository(ShopRow).update({ shop, firstPublishAt: IsNull() }, { firstPublishAt: new Date() });
    for (const [productId, mediaIds] of byProduct) await this.fingerprints.recordPublished(context, productId, mediaIds);
  }

  private view(shop: string, row: JobItemRow): JobItem {
    return {
      id: row.id,
      product_id: row.productId,
      product_title: row.productTitle ?? row.productId,
      image_id: row.imageId,
      position: row.position,
      alt: row.alt,
      status: (['pending', 'processing', 'succeeded', 'skipped', 'failed'] as const).find((status) => status === row.status) ?? 'processing',
      review: row.review,
      publish: row.publish,
      before_url: this.signer.url(shop, 'original', originalRef(row.imageUrl)),
      after_url: row.resultId ? this.signer.url(shop, 'result', row.resultId) : null,
      error: row.error,
    };
  }
}
