import crypto from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { In, LessThan, type DataSource } from 'typeorm';
import { downloadImage } from '@pixport/marketplace';
import type { IntegrationMarketplace, PublishEvent } from '@pixport/shared';
import { CatalogRunItemRow } from '../db/entities/catalog-run-item.entity.js';
import { CatalogRunRow } from '../db/entities/catalog-run.entity.js';
import { ProcessedImageRow } from '../db/entities/processed-image.entity.js';
import { AppError } from '../errors.js';
import { buildOperationRequest } from '../http/operation-request.js';
import { newId } from '../lib/ids.js';
import type { SsrfGuard } from '../lib/ssrf-guard.js';
import type { Logger } from '../logger.js';
import type { ProcessingLimits } from '../processing/index.js';
import { actingPrincipal } from './acting-principal.js';
import { operationFields, type CatalogProcessJobData } from './catalog-run.service.js';
import type { IntegrationService } from './integration.service.js';
import { failureOf } from './marketplace-error.js';
import type { Principal } from './principal.js';
import type { PublishService } from './publish.service.js';
import type { ResultService } from './result.service.js';
import type { TaskRecord } from './tasks/task.dto.js';
import type { TaskService } from './tasks/task.service.js';

export interface RunnerOptions {
  /** Images in flight at once per run (tasks run in the process-task workers). */
  concurrency: number;
  /** How long one image may wait for its task or its publish. */
  stepTimeoutMs: number;
  downloadTimeoutMs: number;
}

interface RunContext {
  run: CatalogRunRow;
  principal: Principal;
  marketplace: IntegrationMarketplace;
  /** Items this job's workers hold right now. */
  held: Set<string>;
}

const POLL_MS = 250;
const HEARTBEAT_MS = 20_000;
/** Workers touch the image they hold at least this often… */
const TOUCH_MS = 20_000;
/** …so one untouched this long belongs to a worker that died. */
const LEASE_MS = 3 * TOUCH_MS;
const IN_FLIGHT = ['processing', 'publishing'];
const sha256 = (data: Buffer | string) => crypto.createHash('sha256').update(data).digest('hex');

/**
 * Runs a bulk run (the `catalog-process` job). Each image: download it from the marketplace (through
 * the SSRF guard), skip it when the same content was already processed with the same parameters, else
 * process it as an async task, remember the input and output hashes, and optionally publish the output
 * (replacing the original only once the new image is uploaded: a failure never touches the original).
 * Progress lives in the item rows, so a run whose worker died resumes where it was: an item with a task
 * waits for that task, one with a publish for that publish; nothing is done twice.
 */
export class CatalogRunRunner {
  constructor(
    private readonly db: DataSource,
    private readonly integrations: IntegrationService,
    private readonly tasks: TaskService,
    private readonly publish: PublishService,
    private readonly results: ResultService,
    private readonly ssrf: SsrfGuard,
    private readonly limits: ProcessingLimits,
    private readonly logger: Logger,
    private readonly options: RunnerOptions,
  ) {}

  async run({ runId }: CatalogProcessJobData, heartbeat: () => Promise<unknown>): Promise<void> {
    const runs = this.db.getRepository(CatalogRunRow);
    const run = await runs.findOneBy({ id: runId });
    if (!run || (run.status !== 'queued' && run.status !== 'running')) return;
    await runs.update(
      { id: run.id, status: run.status },
      { status: 'running', startedAt: run.startedAt ?? new Date() },
    );
    let context: RunContext;
    try {
      const principal = await actingPrincipal(this.db, run);
      const integration = await this.integrations.get(principal, run.integrationId);
      context = { run, principal, marketplace: integration.marketplace, held: new Set() };
    } catch (error) {
      const failure = failureOf(error, (unexpected) =>
        this.logger.error({ err: unexpected, run: run.id }, 'catalog run could not start'),
      );
      await runs.update({ id: run.id, status: 'running' }, {
        status: 'failed',
        finishedAt: new Date(),
        error: failure,
      } as never);
      return;
    }
    const beat = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_MS);
    try {
      await Promise.all(Array.from({ length: this.options.concurrency }, () => this.worker(context)));
    } finally {
      clearInterval(beat);
    }
    await runs.update({ id: run.id, status: 'running' }, { status: 'completed', finishedAt: new Date() });
  }

  /** Takes images one after another until none is left or the run was canceled. */
  private async worker(context: RunContext): Promise<void> {
    for (;;) {
      const item = await this.next(context);
      if (!item) return;
      context.held.add(item.id);
      try {
        await this.process(context, item);
      } finally {
        context.held.delete(item.id);
      }
    }
  }

  /**
   * The next image: first one a dead worker left in flight (its lease ran out), then the next pending
   * one. Claimed by a conditional write on its `updatedAt` (the lease), so each is taken once.
   */
  private async next({ run, held }: RunContext): Promise<CatalogRunItemRow | undefined> {
    const runs = this.db.getRepository(CatalogRunRow);
    const items = this.db.getRepository(CatalogRunItemRow);
    for (;;) {
      if (
        (await runs.findOne({ where: { id: run.id }, select: { id: true, status: true } }))?.status !==
        'running'
      )
        return undefined;
      const expired = new Date(Date.now() - LEASE_MS);
      const candidate =
        (await items.findOne({
          where: { runId: run.id, status: In(IN_FLIGHT), updatedAt: LessThan(expired) },
          order: { seq: 'ASC' },
        })) ?? (await items.findOne({ where: { runId: run.id, status: 'pending' }, order: { seq: 'ASC' } }));
      if (!candidate) {
        // Images another worker still holds (a job before a resume, one that may have died) are waited for.
        const inFlight = await items.find({
          where: { runId: run.id, status: In(IN_FLIGHT) },
          select: { id: true },
        });
        if (inFlight.every((item) => held.has(item.id))) return undefined;
        await new Promise((resolve) => setTimeout(resolve, TOUCH_MS / 4));
        continue;
      }
      const now = new Date();
      const status = candidate.status === 'pending' ? 'processing' : candidate.status;
      const { affected } = await items.update(
        { id: candidate.id, status: candidate.status, updatedAt: candidate.updatedAt },
        { status, updatedAt: now },
      );
      if (affected) return { ...candidate, status, updatedAt: now };
    }
  }

  private async process(context: RunContext, item: CatalogRunItemRow): Promise<void> {
    try {
      if (item.status === 'processing' && !item.taskId && (await this.submit(context, item)) === 'done')
        return;
      if (item.status === 'processing') {
        const task = await this.waitForTask(context.principal, item);
        if (task.status !== 'succeeded' || !task.result) {
          const error = {
            code: task.error?.code ?? 'internal',
            message: task.error?.message ?? `The task ended ${task.status}.`,
            marketplace_code: null,
            retryable: task.status !== 'failed',
          };
          await this.save(item, { status: 'failed', error });
          return;
        }
        await this.remember(context, task, item);
        if (!context.run.publish) {
          await this.save(item, { status: 'succeeded', resultId: task.result.id });
          return;
        }
        // The publish id is recorded before the publish exists: after a crash it is found, not repeated.
        await this.save(item, { status: 'publishing', resultId: task.result.id, publishId: newId('pub') });
      }
      const published = await this.publishOnce(context, item);
      await this.save(
        item,
        published.status === 'succeeded'
          ? { status: 'succeeded', published: true }
          : { status: 'failed', error: published.error ? notFoundOf(published.error) : published.error },
      );
    } catch (error) {
      if (error instanceof LeaseLost) return;
      if (error instanceof AppError && error.code === 'insufficient_credits' && !item.taskId) {
        // Out of credits: nothing was charged for this image. It waits as pending, and the run pauses
        // until credits return (CatalogRunService.resumeFunded) instead of failing image after image.
        await this.save(item, { status: 'pending' }).catch((lost: unknown) => {
          if (!(lost instanceof LeaseLost)) throw lost;
        });
        await this.db
          .getRepository(CatalogRunRow)
          .update({ id: context.run.id, status: 'running' }, { status: 'paused', pausedReason: 'insufficient_credits' });
        return;
      }
      const failure = notFoundOf(failureOf(error, (unexpected) =>
        this.logger.error(
          { err: unexpected, run: context.run.id, item: item.id },
          'catalog run image failed',
        ),
      ));
      await this.save(item, { status: 'failed', error: failure }).catch((lost: unknown) => {
        if (!(lost instanceof LeaseLost)) throw lost;
      });
    }
  }

  /** Requests the item's publish unless it exists already, then waits for its outcome. */
  private async publishOnce(context: RunContext, item: CatalogRunItemRow): Promise<PublishEvent> {
    const existing = await this.publish.get(context.principal, item.publishId!).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found') return undefined;
      throw error;
    });
    if (!existing) {
      const body = {
        integration_id: context.run.integrationId,
        product_id: item.productId,
        result_id: item.resultId!,
      };
      await this.publish.request(
        context.principal,
        context.run.replace ? { ...body, replace_image_id: item.imageId } : body,
        { id: item.publishId! },
      );
    }
    return this.waitForPublish(context.principal, item);
  }

  /**
   * Downloads the image and decides: `done` when it is already a result of these parameters (or was
   * processed with them and is not to be published), `publish` to publish an earlier result of the
   * same content again, `wait` once its task is submitted.
   */
  private async submit(context: RunContext, item: CatalogRunItemRow): Promise<'done' | 'publish' | 'wait'> {
    const { run } = context;
    const { data } = await downloadImage(context.marketplace, item.imageUrl, {
      maxBytes: this.limits.maxInputBytes,
      timeoutMs: this.options.downloadTimeoutMs,
      httpAgent: this.ssrf.httpAgent,
      httpsAgent: this.ssrf.httpsAgent,
    });
    const contentHash = sha256(data);
    const filename = decodeURIComponent(new URL(item.imageUrl).pathname.split('/').at(-1) ?? '') || null;
    const request = await buildOperationRequest(
      run.operation,
      operationFields(run),
      { image: { data, filename } },
      { limits: this.limits },
    );
    const prior = await this.db
      .getRepository(ProcessedImageRow)
      .findOneBy({
        organizationId: run.organizationId,
        paramsHash: paramsHash(run.operation, request.params),
        contentHash,
      });
    if (prior && (prior.role === 'output' || !run.publish)) {
      await this.save(item, { status: 'skipped', contentHash, resultId: prior.resultId });
      return 'done';
    }
    if (prior && (await this.stillKept(run.organizationId, prior.resultId))) {
      await this.save(item, {
        status: 'publishing',
        contentHash,
        resultId: prior.resultId,
        reused: true,
        publishId: newId('pub'),
      });
      return 'publish';
    }
    const task = await this.tasks.submit(context.principal, request, { api: 'v1', endpoint: run.operation });
    await this.save(item, { contentHash, taskId: task.id });
    return 'wait';
  }

  private async stillKept(organizationId: string, resultId: string): Promise<boolean> {
    return this.results.get(organizationId, resultId).then(
      () => true,
      (error: unknown) => {
        if (error instanceof AppError && (error.code === 'not_found' || error.code === 'result_expired'))
          return false;
        throw error;
      },
    );
  }

  /** Records the original and the output under these parameters, so neither is processed again. */
  private async remember(context: RunContext, task: TaskRecord, item: CatalogRunItemRow): Promise<void> {
    const { stream } = await this.results.open(context.run.organizationId, task.result!.id);
    const output = sha256(await buffer(stream));
    const hash = paramsHash(context.run.operation, task.params);
    const rows = [
      { contentHash: item.contentHash!, role: 'input' as const },
      { contentHash: output, role: 'output' as const },
    ].map((entry) => ({
      id: newId('pim'),
      organizationId: context.run.organizationId,
      paramsHash: hash,
      resultId: task.result!.id,
      createdAt: new Date(),
      ...entry,
    }));
    for (const row of rows) {
      await this.db
        .getRepository(ProcessedImageRow)
        .upsert(row, { conflictPaths: ['organizationId', 'paramsHash', 'contentHash'] });
    }
  }

  private async waitForTask(principal: Principal, item: CatalogRunItemRow): Promise<TaskRecord> {
    const deadline = Date.now() + this.options.stepTimeoutMs;
    for (;;) {
      const task = await this.tasks.waitFor(
        principal,
        item.taskId!,
        Math.max(0, Math.min(TOUCH_MS, deadline - Date.now())),
      );
      if (!['queued', 'processing'].includes(task.status)) return task;
      if (Date.now() >= deadline)
        throw new AppError(
          'service_unavailable',
          `Task ${item.taskId} did not finish in time; resume the run to wait again.`,
        );
      await this.save(item, {});
    }
  }

  private async waitForPublish(principal: Principal, item: CatalogRunItemRow): Promise<PublishEvent> {
    const deadline = Date.now() + this.options.stepTimeoutMs;
    let touched = Date.now();
    for (;;) {
      const event = await this.publish.get(principal, item.publishId!);
      if (event.status === 'succeeded' || event.status === 'failed') return event;
      if (Date.now() >= deadline)
        throw new AppError(
          'service_unavailable',
          `Publish ${item.publishId} did not finish in time; resume the run to wait again.`,
        );
      if (Date.now() - touched >= TOUCH_MS) {
        await this.save(item, {});
        touched = Date.now();
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Writes the item while this worker still holds it (its lease: the `updatedAt` it wrote last), renewing the lease. */
  private async save(item: CatalogRunItemRow, change: Partial<CatalogRunItemRow>): Promise<void> {
    const next = { ...change, updatedAt: new Date() };
    const { affected } = await this.db
      .getRepository(CatalogRunItemRow)
      .update({ id: item.id, updatedAt: item.updatedAt }, next as never);
    if (!affected) throw new LeaseLost();
    Object.assign(item, next);
  }
}

/** The product or its image is gone from the marketplace (deleted mid-run): the item fails `not_found`, the run goes on. */
function notFoundOf<T extends { code: string; message: string }>(failure: T): T {
  return failure.code === 'marketplace_not_found' ? { ...failure, code: 'not_found' } : failure;
}

/** Another worker took the item over (this one stalled past its lease): leave it alone. */
class LeaseLost extends Error {}

/** SHA-256 of the operation and its parameters, keys sorted (the same parameters always hash alike). */
export function paramsHash(operation: string, params: Record<string, unknown>): string {
  return sha256(JSON.stringify([operation, sorted(params)]));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, sorted(v)]),
    );
  }
  return value;
}
