// Bulk jobs: each is one hub catalog run (the hub holds the progress, so closing the tab loses nothing).
// The app keeps the job's side: the preset chosen, auto-publish, and per image the review and publish
// state, mirrored from the run's items.
import type { DataSource, Repository } from 'typeorm';
import { In, IsNull } from 'typeorm';
import type { CreateJobBody, Job, JobPage, JobStatus, PauseReason } from '../api/contract.js';
import { JobItemRow } from '../db/entities/job-item.entity.js';
import { JobRow } from '../db/entities/job.entity.js';
import { ShopRow } from '../db/entities/shop.entity.js';
import { AppError } from '../errors.js';
import { hubRequest, type HubRunItem } from '../hub/hub-shapes.js';
import { newId, type TaskQueue } from '../worker/task-queue.js';
import { presetFields, selectionFields, type CatalogService } from './catalog.service.js';
import type { ShopContext, ShopContexts } from './shop-context.js';

interface HubRun {
  id: string;
  status: string;
  paused_reason?: string | null;
  counts: { total: number; pending: number; processing: number; publishing?: number; succeeded: number; skipped: number; failed: number };
  error: { code: string; message: string } | null;
  finished_at: string | null;
}

const FINISHED = new Set(['completed', 'canceled', 'failed']);

export class JobsService {
  private readonly jobs: Repository<JobRow>;
  private readonly items: Repository<JobItemRow>;
  private readonly lastSync = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly contexts: ShopContexts,
    private readonly catalog: CatalogService,
    private readonly queue: TaskQueue,
  ) {
    this.jobs = dataSource.getRepository(JobRow);
    this.items = dataSource.getRepository(JobItemRow);
  }

  async create(shop: string, body: CreateJobBody, origin: 'merchant' | 'automation' = 'merchant'): Promise<Job> {
    const context = await this.contexts.of(shop);
    const presetName = await this.catalog.presetName(shop, body.preset_id);
    const data = { integration_id: context.linked.integrationId, ...presetFields(body.preset_id), ...selectionFields(body.selection), images: body.images, publish: body.auto_publish, replace: true };
    const run = await this.contexts.call(() => hubRequest<HubRun>(context.hub, 'post', '/api/v1/catalog/process', { data }));
    const row: JobRow = {
      id: newId('job'),
      shop,
      hubRunId: run.id,
      presetId: body.preset_id,
      presetName,
      images: body.images,
      autoPublish: body.auto_publish,
      origin,
      status: run.status,
      pausedReason: run.paused_reason ?? null,
      error: null,
      createdAt: new Date(),
      finishedAt: null,
    };
    await this.jobs.insert(row);
    await this.dataSource.getRepository(ShopRow).update({ shop, firstJobAt: IsNull() }, { firstJobAt: new Date() });
    await this.queue.enqueue(shop, 'job-sync', { job_id: row.id }, 1000);
    return this.view(row, run);
  }

  async list(shop: string, cursor: string | undefined, limit: number): Promise<JobPage> {
    const rows = await this.jobs.find({ where: { shop }, order: { createdAt: 'DESC', id: 'DESC' }, skip: cursor ? Number(cursor) : 0, take: limit + 1 });
    const page = rows.slice(0, limit);
    const jobs = await Promise.all(page.map((row) => (FINISHED.has(row.status) ? this.view(row, null) : this.get(shop, row.id))));
    return { jobs, next_cursor: rows.length > limit ? String((cursor ? Number(cursor) : 0) + limit) : null };
  }

  async row(shop: string, id: string): Promise<JobRow> {
    const row = await this.jobs.findOneBy({ id, shop });
    if (!row) throw new AppError('not_found', 'No such job.');
    return row;
  }

  async get(shop: string, id: string): Promise<Job> {
    const row = await this.row(shop, id);
    const { hub } = await this.contexts.of(shop);
    const run = await this.contexts.call(() => hub.catalogRun(row.hubRunId) as unknown as Promise<HubRun>);
    await this.remember(row, run);
    return this.view(row, run);
  }

  async control(shop: string, id: string, action: 'pause' | 'resume' | 'cancel'): Promise<Job> {
    const row = await this.row(shop, id);
    const { hub } = await this.contexts.of(shop);
    const run = await this.contexts.call(() => hubRequest<HubRun>(hub, 'post', `/api/v1/catalog/runs/${encodeURIComponent(row.hubRunId)}/${action}`));
    await this.remember(row, run);
    if (action === 'resume') await this.queue.enqueue(shop, 'job-sync', { job_id: row.id }, 1000);
    return this.view(row, run);
  }

  /** Mirrors the run's items into job_items (new rows; status and result of existing ones). Answers the run. */
  async syncItems(shop: string, id: string, options: { force?: boolean } = {}): Promise<{ row: JobRow; run: HubRun | null; published: JobItemRow[] }> {
    const row = await this.row(shop, id);
    const last = this.lastSync.get(id) ?? 0;
    const published: JobItemRow[] = [];
    if (!options.force && (FINISHED.has(row.status) && last > 0 ? true : Date.now() - last < 2000)) return { row, run: null, published };
    this.lastSync.set(id, Date.now());
    const context = await this.contexts.of(shop);
    const run = await this.contexts.call(() => context.hub.catalogRun(row.hubRunId) as unknown as Promise<HubRun>);
    let cursor: string | undefined;
    do {
      const page = await this.contexts.call(() =>
        hubRequest<{ data: HubRunItem[]; next_cursor: string | null }>(context.hub, 'get', `/api/v1/catalog/runs/${encodeURIComponent(row.hubRunId)}/items`, { params: { cursor, limit: 100 } }),
      );
      published.push(...(await this.mirror(row, page.data)));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    await this.remember(row, run);
    return { row, run, published };
  }

  /** Answers the items the hub published since the last mirror (auto-publish jobs: the hub publishes as it goes). */
  private async mirror(job: JobRow, hubItems: HubRunItem[]): Promise<JobItemRow[]> {
    const published: JobItemRow[] = [];
    if (hubItems.length === 0) return published;
    const existing = new Map((await this.items.findBy({ jobId: job.id, hubItemId: In(hubItems.map((item) => item.id)) })).map((item) => [item.hubItemId, item]));
    const now = new Date();
    for (const item of hubItems) {
      const status = item.status === 'publishing' ? 'succeeded' : item.status;
      const error = item.error ? { code: item.error.code, message: item.error.message } : null;
      const hubPublished = !!(job.autoPublish && item.published && item.publish_id);
      const known = existing.get(item.id);
      if (known) {
        const nowPublished = hubPublished && known.publish === 'none';
        if (known.status !== status || known.resultId !== item.result_id || nowPublished) {
          const changes = { status, resultId: item.result_id, error, updatedAt: now, ...(nowPublished ? { publish: 'published' as const, review: 'approved' as const, publishEventId: item.publish_id! } : {}) };
          await this.items.update({ id: known.id }, changes);
          if (nowPublished) published.push({ ...known, ...changes });
        }
        continue;
      }
      const row: JobItemRow = {
        id: newId('itm'),
        jobId: job.id,
        shop: job.shop,
        hubItemId: item.id,
        productId: item.product_id,
        productTitle: null,
        imageId: item.image_id,
        imageUrl: item.image_url,
        position: item.position,
        alt: item.alt ?? null,
        variantIds: item.variant_ids ?? [],
        status,
        resultId: item.result_id,
        review: hubPublished ? 'approved' : 'pending',
        publish: hubPublished ? 'published' : 'none',
        publishEventId: hubPublished ? item.publish_id! : null,
        publishedImageId: null,
        error,
        updatedAt: now,
      };
      await this.items.insert(row);
      if (hubPublished) published.push(row);
    }
    return published;
  }

  /** Product titles for items that have none yet (from the synced catalog). */
  async fillTitles(context: ShopContext, rows: JobItemRow[]) {
    const missing = [...new Set(rows.filter((row) => !row.productTitle).map((row) => row.productId))];
    for (const productId of missing) {
      const product = await this.catalog.product(context, productId);
      const title = product?.title ?? null;
      if (!title) continue;
      await this.items.update({ jobId: rows[0]!.jobId, productId }, { productTitle: title.slice(0, 512) });
      for (const row of rows) if (row.productId === productId) row.productTitle = title;
    }
  }

  private async remember(row: JobRow, run: HubRun) {
    const status = run.status;
    const pausedReason = run.paused_reason ?? null;
    const error = run.error ? { code: run.error.code, message: run.error.message, hub_request_id: null } : null;
    const finishedAt = run.finished_at ? new Date(run.finished_at) : null;
    if (row.status !== status || row.pausedReason !== pausedReason) {
      await this.jobs.update({ id: row.id }, { status, pausedReason, error, finishedAt });
      Object.assign(row, { status, pausedReason, error, finishedAt });
    }
  }

  async view(row: JobRow, run: HubRun | null): Promise<Job> {
    const counts = await this.items
      .createQueryBuilder('item')
      .select('item.review', 'review')
      .addSelect('item.publish', 'publish')
      .addSelect('COUNT(*)', 'n')
      .where('item.job_id = :id', { id: row.id })
      .groupBy('item.review')
      .addGroupBy('item.publish')
      .getRawMany<{ review: string; publish: string; n: string | number }>();
    const sum = (test: (entry: { review: string; publish: string }) => boolean) => counts.filter(test).reduce((total, entry) => total + Number(entry.n), 0);
    const hubCounts = run?.counts;
    return {
      id: row.id,
      preset: { id: row.presetId, name: row.presetName },
      status: jobStatus(run?.status ?? row.status),
      paused_reason: ((run ? run.paused_reason : row.pausedReason) ?? null) as PauseReason | null,
      auto_publish: row.autoPublish,
      images: row.images,
      counts: {
        total: hubCounts?.total ?? sum(() => true),
        pending: hubCounts?.pending ?? 0,
        processing: (hubCounts?.processing ?? 0) + (hubCounts?.publishing ?? 0),
        succeeded: hubCounts?.succeeded ?? 0,
        failed: hubCounts?.failed ?? 0,
        skipped: hubCounts?.skipped ?? 0,
        approved: sum((entry) => entry.review === 'approved'),
        rejected: sum((entry) => entry.review === 'rejected'),
        published: sum((entry) => entry.publish === 'published'),
        restored: sum((entry) => entry.publish === 'restored'),
      },
      error: run?.error ? { code: run.error.code, message: run.error.message, hub_request_id: null } : row.error,
      created_at: row.createdAt.toISOString(),
      finished_at: (run?.finished_at ?? row.finishedAt?.toISOString()) || null,
    };
  }
}

function jobStatus(status: string): JobStatus {
  return (['queued', 'running', 'paused', 'completed', 'canceled', 'failed'] as const).find((known) => known === status) ?? 'running';
}

export { FINISHED as FINISHED_RUN_STATUSES };
