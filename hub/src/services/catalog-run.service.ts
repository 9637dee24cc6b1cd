import { In, type DataSource } from 'typeorm';
import {
  BULK_OPERATIONS,
  MAX_RUN_IMAGES,
  type BulkOperation,
  type CatalogEstimate,
  OPERATION_INPUTS,
  type CatalogProcessBody,
  type CatalogRun,
  type CatalogRunItem,
} from '@pixport/shared';
import { CatalogItemRow } from '../db/entities/catalog-item.entity.js';
import { CatalogRunItemRow, type RunItemStatus } from '../db/entities/catalog-run-item.entity.js';
import { CatalogRunRow } from '../db/entities/catalog-run.entity.js';
import { AppError, invalidParameter, notFound, type FieldError } from '../errors.js';
import { buildOperationRequest } from '../http/operation-request.js';
import type { Enqueue } from './job-port.js';
import { decodeCursor, encodeCursor } from '../lib/cursor.js';
import { newestFirst } from '../lib/keyset-page.js';
import { newId } from '../lib/ids.js';
import type { ProcessingLimits } from '../processing/index.js';
import { actingPrincipal } from './acting-principal.js';
import { toCatalogRun, toRunItem, type RunItemTally } from './catalog-run.dto.js';
import { applyCatalogFilters, filtersOf } from './catalog-filters.js';
import type { SyncedImage } from './catalog-store.js';
import type { CreditService } from './credit.service.js';
import { requireMarketplaceWriter, type IntegrationService } from './integration.service.js';
import type { PresetService } from './preset.service.js';
import { actorOf, type Principal } from './principal.js';

export interface CatalogProcessJobData {
  runId: string;
}

const INSERT_BATCH = 500;

/**
 * Bulk processing of a synced catalog, the HTTP side: validates and records a run with one item per
 * product image, queues the `catalog-process` job (CatalogRunRunner), and reads, cancels and resumes runs.
 */
export class CatalogRunService {
  constructor(
    private readonly db: DataSource,
    private readonly integrations: IntegrationService,
    /** The `catalog-process` job. */
    private readonly enqueueRun: Enqueue<CatalogProcessJobData>,
    private readonly limits: ProcessingLimits,
    private readonly presets: Pick<PresetService, 'lookup'>,
    private readonly credits: Pick<CreditService, 'priceFor' | 'balanceOf'>,
  ) {}

  async start(principal: Principal, input: CatalogProcessBody): Promise<CatalogRun> {
    requireMarketplaceWriter(principal, 'process catalogs');
    const plan = await this.plan(principal, input);
    const id = newId('run');
    const now = new Date();
    const items: CatalogRunItemRow[] = plan.images.map((image, index) => ({
      id: newId('rit'),
      runId: id,
      organizationId: principal.organizationId,
      seq: index + 1,
      productId: image.productId,
      imageId: image.id,
      imageUrl: image.url,
      position: image.position,
      alt: image.alt ?? null,
      variantIds: image.variant_ids ?? [],
      status: 'pending',
      contentHash: null,
      taskId: null,
      resultId: null,
      publishId: null,
      published: false,
      reused: false,
      error: null,
      updatedAt: now,
    }));
    const run: CatalogRunRow = {
      id,
      organizationId: principal.organizationId,
      ...actorOf(principal),
      integrationId: plan.integrationId,
      operation: plan.operation,
      params: plan.params,
      preset: input.preset ?? null,
      presetId: plan.presetId,
      images: input.images,
      publish: input.publish,
      replace: input.replace,
      status: 'queued',
      pausedReason: null,
      error: null,
      createdAt: now,
      startedAt: null,
      finishedAt: null,
    };
    // Items first, the run row last: a run that exists has all its items.
    const itemRepository = this.db.getRepository(CatalogRunItemRow);
    for (let i = 0; i < items.length; i += INSERT_BATCH)
      await itemRepository.insert(items.slice(i, i + INSERT_BATCH) as never);
    await this.db.getRepository(CatalogRunRow).insert(run as never);
    await this.enqueue(run);
    return this.toRun(run);
  }

  /** What a run of this body would cover and cost (an upper bound: images already processed are skipped free). */
  async estimate(principal: Principal, input: CatalogProcessBody): Promise<CatalogEstimate> {
    const plan = await this.plan(principal, input);
    const perImage = this.credits.priceFor(principal, plan.operation);
    const credits = perImage * plan.images.length;
    const remaining = await this.credits.balanceOf(principal.organizationId);
    return {
      products: plan.products,
      images: plan.images.length,
      credits_per_image: perImage,
      credits,
      credits_remaining: remaining,
      enough: remaining >= credits,
    };
  }

  /** The run a body describes: integration, operation and parameters (a saved preset's, explicit ones win), its images. */
  private async plan(principal: Principal, input: CatalogProcessBody) {
    const integration = await this.integrations.get(principal, input.integration_id);
    let operation = input.operation;
    let params: Record<string, unknown> = input.params ?? {};
    let presetId: string | null = null;
    if (input.preset_id) {
      const saved = await this.presets.lookup(principal.organizationId, input.preset_id);
      if (!saved) throw invalidParameter('preset_id', 'no saved preset of this organization has this id or name');
      if (!(BULK_OPERATIONS as readonly string[]).includes(saved.operation))
        throw invalidParameter('preset_id', `the preset runs ${saved.operation}, which a bulk run cannot apply (one of ${BULK_OPERATIONS.join(', ')})`);
      if (operation && operation !== saved.operation)
        throw invalidParameter('operation', `the preset runs ${saved.operation}; leave operation out or give the same`);
      operation = saved.operation as BulkOperation;
      params = { ...saved.params, ...params };
      presetId = saved.id;
    }
    await validateParams({ operation: operation!, params, preset: input.preset }, this.limits);
    const products = await this.products(integration.id, principal.organizationId, input);
    const images = products.flatMap((product) => {
      const sorted = [...product.images].sort((a, b) => a.position - b.position);
      return (input.images === 'main' ? sorted.slice(0, 1) : sorted).map((image) => ({ ...(image as SyncedImage), productId: product.productId }));
    });
    const field = input.all ? 'all' : 'product_ids';
    if (images.length === 0) throw invalidParameter(field, 'the selected products have no images');
    if (images.length > MAX_RUN_IMAGES)
      throw invalidParameter(field, `${images.length} images; a run takes at most ${MAX_RUN_IMAGES} (narrow it, or use images: "main")`);
    return { integrationId: integration.id, operation: operation!, params, presetId, products: products.length, images };
  }

  async get(principal: Principal, id: string): Promise<CatalogRun> {
    return this.toRun(await this.find(principal, id));
  }

  async list(
    principal: Principal,
    query: { cursor?: string; limit: number },
  ): Promise<{ data: CatalogRun[]; next_cursor: string | null }> {
    const builder = this.db
      .getRepository(CatalogRunRow)
      .createQueryBuilder('r')
      .where('r.organization_id = :org', { org: principal.organizationId });
    const { rows, next_cursor } = await newestFirst(
      builder,
      { sql: 'r.created_at', of: (row) => row.createdAt },
      query,
    );
    return { data: await Promise.all(rows.map((row) => this.toRun(row))), next_cursor };
  }

  /** The run's images in order, optionally of one state; the cursor is the last `seq`. */
  async items(
    principal: Principal,
    id: string,
    query: { cursor?: string; limit: number; status?: RunItemStatus },
  ): Promise<{ data: CatalogRunItem[]; next_cursor: string | null }> {
    const run = await this.find(principal, id);
    const after = decodeCursor(query.cursor);
    const builder = this.db
      .getRepository(CatalogRunItemRow)
      .createQueryBuilder('i')
      .where('i.run_id = :run', { run: run.id })
      .orderBy('i.seq', 'ASC')
      .take(query.limit + 1);
    if (query.status) builder.andWhere('i.status = :status', { status: query.status });
    if (after) builder.andWhere('i.seq > :seq', { seq: after.at });
    const rows = await builder.getMany();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map(toRunItem),
      next_cursor: rows.length > query.limit && last ? encodeCursor({ at: last.seq, id: last.id }) : null,
    };
  }

  /** Stops taking new images (those in flight finish) until resumed. */
  async pause(principal: Principal, id: string): Promise<CatalogRun> {
    requireMarketplaceWriter(principal, 'pause catalog runs');
    const run = await this.find(principal, id);
    const { affected } = await this.db
      .getRepository(CatalogRunRow)
      .update({ id: run.id, status: In(['queued', 'running']) }, { status: 'paused', pausedReason: 'merchant' });
    if (!affected)
      throw new AppError('conflict', `This run is ${run.status}; only queued or running runs can be paused.`, {
        extra: { run_status: run.status },
      });
    return this.get(principal, id);
  }

  /** Final: no image is taken after it (those in flight finish); a canceled run cannot be resumed. */
  async cancel(principal: Principal, id: string): Promise<CatalogRun> {
    requireMarketplaceWriter(principal, 'cancel catalog runs');
    const run = await this.find(principal, id);
    const { affected } = await this.db
      .getRepository(CatalogRunRow)
      .update(
        { id: run.id, status: In(['queued', 'running', 'paused']) },
        { status: 'canceled', pausedReason: null, finishedAt: new Date() },
      );
    if (!affected)
      throw new AppError(
        'conflict',
        `This run is ${run.status}; only queued, running or paused runs can be canceled.`,
        { extra: { run_status: run.status } },
      );
    return this.get(principal, id);
  }

  /** Picks a paused or finished run up again: failed images are tried again, finished ones are kept. */
  async resume(principal: Principal, id: string): Promise<CatalogRun> {
    requireMarketplaceWriter(principal, 'resume catalog runs');
    const run = await this.find(principal, id);
    if (run.status === 'queued' || run.status === 'running' || run.status === 'canceled')
      throw new AppError(
        'conflict',
        run.status === 'canceled' ? 'This run was canceled; start a new run.' : `This run is already ${run.status}.`,
        { extra: { run_status: run.status } },
      );
    if (run.status === 'paused' && run.pausedReason === 'insufficient_credits') {
      const price = this.credits.priceFor(principal, run.operation);
      const balance = await this.credits.balanceOf(run.organizationId);
      if (balance < price)
        throw new AppError('insufficient_credits', `${run.operation} costs ${price} credits an image; the balance is ${balance}. The run resumes by itself when credits return.`, {
          extra: { balance, cost: price, operation: run.operation },
        });
    }
    await this.requeue(run);
    return this.get(principal, id);
  }

  /**
   * Runs paused for lack of credits whose organization can pay for an image again (refill, plan change,
   * top-up) are queued again. Called every minute and after the monthly refill.
   */
  async resumeFunded(): Promise<number> {
    const paused = await this.db
      .getRepository(CatalogRunRow)
      .find({ where: { status: 'paused', pausedReason: 'insufficient_credits' }, order: { createdAt: 'ASC' }, take: 200 });
    let resumed = 0;
    for (const run of paused) {
      const principal = await actingPrincipal(this.db, run).catch(() => undefined);
      if (!principal) continue; // the key or member is gone: resume would fail; the merchant decides
      if ((await this.credits.balanceOf(run.organizationId)) < this.credits.priceFor(principal, run.operation)) continue;
      await this.requeue(run).then(
        () => (resumed += 1),
        () => undefined,
      );
    }
    return resumed;
  }

  private async requeue(run: CatalogRunRow): Promise<void> {
    const items = this.db.getRepository(CatalogRunItemRow);
    const { affected } = await items.update({ runId: run.id, status: 'failed' }, {
      status: 'pending',
      error: null,
      taskId: null,
      publishId: null,
      updatedAt: new Date(),
    } as never);
    const pending = await items.countBy({ runId: run.id, status: 'pending' });
    const inFlight = await items.countBy({ runId: run.id, status: In(['processing', 'publishing']) });
    if (!affected && pending === 0 && inFlight === 0)
      throw new AppError('conflict', 'Every image of this run is done; start a new run to process them again.');
    const claimed = await this.db
      .getRepository(CatalogRunRow)
      .update(
        { id: run.id, status: run.status },
        { status: 'queued', pausedReason: null, error: null, finishedAt: null },
      );
    if (!claimed.affected) throw new AppError('conflict', 'This run changed meanwhile; read it again.');
    await this.enqueue({ ...run, status: 'queued' });
  }

  private async enqueue(run: CatalogRunRow): Promise<void> {
    try {
      await this.enqueueRun({ runId: run.id });
    } catch (error) {
      await this.db.getRepository(CatalogRunRow).update({ id: run.id }, {
        status: 'failed',
        finishedAt: new Date(),
        error: {
          code: 'internal',
          message: 'The run could not be queued; resume it.',
          marketplace_code: null,
          retryable: true,
        },
      } as never);
      throw error;
    }
  }

  /** The synced products to process: all of the integration's matching the filters, or the ones named (every one must be in the catalog). */
  private async products(
    integrationId: string,
    organizationId: string,
    input: CatalogProcessBody,
  ): Promise<Array<Pick<CatalogItemRow, 'productId' | 'images'>>> {
    const repository = this.db.getRepository(CatalogItemRow);
    if (!input.product_ids) {
      const builder = repository
        .createQueryBuilder('c')
        .select(['c.id', 'c.productId', 'c.images'])
        .where('c.integration_id = :integrationId AND c.organization_id = :organizationId', { integrationId, organizationId })
        .orderBy('c.product_id', 'ASC');
      const all = await applyCatalogFilters(builder, filtersOf(input)).getMany();
      if (all.length === 0) {
        const empty = (await repository.countBy({ integrationId })) === 0;
        throw invalidParameter('all', empty ? 'the synced catalog of this integration is empty; sync it first' : 'no product matches the filters');
      }
      return all;
    }
    const select = { productId: true, images: true } as const;
    const unique = [...new Set(input.product_ids)];
    const found = await repository.find({ where: { integrationId, productId: In(unique) }, select });
    const byId = new Map(found.map((item) => [item.productId, item]));
    const missing = unique.filter((productId) => !byId.has(productId));
    if (missing.length > 0) {
      throw invalidParameter(
        'product_ids',
        `not in the synced catalog (sync first?): ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}`,
      );
    }
    return unique.map((productId) => byId.get(productId)!);
  }

  private async find(principal: Principal, id: string): Promise<CatalogRunRow> {
    const run = await this.db
      .getRepository(CatalogRunRow)
      .findOneBy({ id, organizationId: principal.organizationId });
    if (!run) throw notFound('Catalog run');
    return run;
  }

  private async toRun(run: CatalogRunRow): Promise<CatalogRun> {
    const rows = (await this.db
      .getRepository(CatalogRunItemRow)
      .createQueryBuilder('i')
      .select('i.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .addSelect('SUM(CASE WHEN i.published THEN 1 ELSE 0 END)', 'published')
      .addSelect('SUM(CASE WHEN i.reused THEN 1 ELSE 0 END)', 'reused')
      .where('i.run_id = :run', { run: run.id })
      .groupBy('i.status')
      .getRawMany()) as RunItemTally[];
    return toCatalogRun(run, rows);
  }
}

/** The fields the run hands the operation for every image: its parameters and the preset. */
export const operationFields = (run: Pick<CatalogRunRow, 'params' | 'preset'>): Record<string, unknown> => ({
  ...run.params,
  ...(run.preset ? { preset: run.preset } : {}),
});

/** Checks the parameters the way each image will be: everything but the image itself (422 naming `params.*`). */
async function validateParams(input: { operation: BulkOperation; params: Record<string, unknown>; preset?: string | undefined }, limits: ProcessingLimits): Promise<void> {
  const files = new Set(OPERATION_INPUTS[input.operation].map((spec) => spec.field));
  try {
    await buildOperationRequest(
      input.operation,
      operationFields({ params: input.params ?? {}, preset: input.preset ?? null }),
      {},
      { limits },
    );
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'invalid_parameter') throw error;
    const errors: FieldError[] = (error.options.errors ?? [])
      .filter((e) => !files.has(e.field))
      .map((e) => ({ field: e.field === 'preset' ? 'preset' : `params.${e.field}`, message: e.message }));
    if (errors.length > 0)
      throw new AppError('invalid_parameter', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
        errors,
      });
  }
}
