import { TASK_STATUSES, TASK_WEBHOOK_EVENTS, resolveOperation, type TaskStatus } from '@pixport/shared';
import { In, type DataSource, type QueryDeepPartialEntity } from 'typeorm';
import type { Config } from '../../config.js';
import { TaskRow, type TaskInput } from '../../db/entities/task.entity.js';
import { AppError, notFound } from '../../errors.js';
import type { OperationRequest } from '../../http/operation-request.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { newId } from '../../lib/ids.js';
import type { SecretBox } from '../../lib/secret-box.js';
import { checkUrlField, type SsrfGuard } from '../../lib/ssrf-guard.js';
import type { Logger } from '../../logger.js';
import type { BlobStore } from '../../storage/blob-store.js';
import type { CreditService } from '../credit.service.js';
import type { DomainEvents } from '../domain-events.js';
import { actorOf, requireRole, type Principal } from '../principal.js';
import type { ResultDownload, ResultService } from '../result.service.js';
import { TaskFinisher } from './task.finisher.js';
import { isFinished, toTaskRecord, webhookSecretContext, type TaskRecord } from './task.dto.js';
import { TaskRunner } from './task.runner.js';
import { TaskSweeper, type TaskJobs } from './task.sweeper.js';
import { TaskRepository } from './task.repository.js';

export interface SubmitOptions {
  /** The route family and the name the client used (`rm-bg`), for answers and callbacks. */
  api: 'v1' | 'seed';
  endpoint: string;
  callback?: { url: string; events?: string[]; secret?: string };
}

export interface TaskQuery {
  status?: TaskStatus[];
  operation?: string;
  cursor?: string;
  limit: number;
}

/** How often a waiting request re-reads a task that runs in another process. */
const WAIT_POLL_MS = 250;
const RECENT = 10;

/**
 * Async tasks, the HTTP side: submit (inputs to the blob store, row, job), read, list, cancel,
 * download, wait. The worker side is `runner` (the `process-task` job) and `sweeper` (recovery and
 * retention jobs). Every query is scoped to the caller's organization; another's task is a 404.
 *
 * Crash safety of submit: the row is inserted (`queued`, no job) before the job is enqueued, and the
 * job id recorded after. A process that stops in between leaves a queued task without a job, which
 * the recovery sweep (every minute) finds and enqueues — a same-transaction enqueue is not possible
 * here: the job queue saves jobs outside the caller's transaction (on MariaDB, its own pooled
 * connection), and on SQLite a transaction holds up every other query of the process while it is open
 * (db/transaction.ts). Duplicate jobs cannot run a task twice: a run claims the row
 * only if it is queued and unowned or owned by that job.
 */
export class TaskService {
  readonly runner: TaskRunner;
  readonly sweeper: TaskSweeper;
  private readonly finisher: TaskFinisher;
  private readonly tasks: TaskRepository;
  private readonly waiters = new Map<string, Set<() => void>>();

  constructor(
    private readonly db: DataSource,
    private readonly blobs: BlobStore,
    private readonly results: ResultService,
    private readonly jobs: TaskJobs,
    events: DomainEvents,
    private readonly secrets: SecretBox,
    config: Pick<Config, 'tasks' | 'processingLimits' | 'testKeyPreviewPixels'>,
    private readonly logger: Logger,
    /** Credits (reserved at submission) and the SSRF guard for callback URLs. */
    private readonly guards?: { credits: CreditService; ssrf: SsrfGuard },
  ) {
    this.tasks = new TaskRepository(db);
    this.finisher = new TaskFinisher(this.tasks, blobs, results, events, config.tasks.retentionMs, logger);
    this.runner = new TaskRunner(db, this.tasks, blobs, results, this.finisher, config, logger);
    this.sweeper = new TaskSweeper(this.tasks, jobs, results, this.finisher, logger);
    // Wakes requests waiting (Prefer: wait) in this process as soon as a task ends here.
    events.on('task.finished', (event) => this.waiters.get(event.taskId)?.forEach((wake) => wake()));
  }

  /** Dashboard members below developer may read tasks but not submit or cancel them (keys: by scope, in the route). */
  assertMayWrite(principal: Principal, action = 'submit tasks'): void {
    if (principal.kind === 'session') requireRole(principal, 'developer', action);
  }

  async submit(principal: Principal, request: OperationRequest, options: SubmitOptions): Promise<TaskRecord> {
    this.assertMayWrite(principal);
    if (options.callback) await this.checkCallbackUrl(options.callback.url, options.api);
    const id = newId('task');
    const organizationId = principal.organizationId;
    // Held until the task ends (captured on success, released otherwise); 402 when the balance cannot cover it.
    await this.guards?.credits.reserve(principal, request.operation, id);
    const inputs: TaskInput[] = request.files.map((file, index) => ({
      field: file.field,
      filename: file.filename,
      media: `${file.media.kind}/${file.media.format}`,
      bytes: file.bytes,
      blobKey: `task-inputs/${id}-${index}`,
    }));
    const now = new Date();
    const callback = options.callback;
    const row: TaskRow = {
      id,
      organizationId,
      ...actorOf(principal),
      operation: request.operation,
      endpoint: options.endpoint,
      api: options.api,
      params: request.params,
      status: 'queued',
      progress: 0,
      attempts: 0,
      inputs,
      resultId: null,
      errorCode: null,
      errorMessage: null,
      webhookUrl: callback?.url ?? null,
      webhookEvents: callback ? (callback.events ?? [...TASK_WEBHOOK_EVENTS]) : null,
      webhookSecret: callback?.secret ? this.secrets.seal(callback.secret, webhookSecretContext(id)) : null,
      jobId: null,
      cancelRequestedAt: null,
      notifiedAt: null,
      createdAt: now,
      updatedAt: now,
      startedAt: null,
      finishedAt: null,
      expiresAt: null,
      purgedAt: null,
    };
    try {
      for (const [index, file] of request.files.entries())
        await this.blobs.put(organizationId, inputs[index]!.blobKey, file.data);
      await this.repository.insert(row as QueryDeepPartialEntity<TaskRow>);
    } catch (error) {
      await this.finisher.deleteInputs(row);
      await this.guards?.credits.release(id);
      throw error;
    }
    await this.enqueue(row);
    return toTaskRecord(row, null);
  }

  /** Enqueues the task's job and records it as the owner; if enqueuing fails the task is withdrawn. */
  private async enqueue(row: TaskRow): Promise<void> {
    let jobId: string;
    try {
      jobId = await this.jobs.processTask({ taskId: row.id });
    } catch (error) {
      // If this delete fails too, the recovery sweep runs the task after all.
      await this.tasks.withdrawQueued(row.id).then(
        () => Promise.all([this.finisher.deleteInputs(row), this.guards?.credits.release(row.id)]),
        () => undefined,
      );
      throw error;
    }
    // The job may already have claimed the task (and recorded itself): then this changes nothing.
    await this.tasks.recordJob(row.id, jobId);
  }

  async get(principal: Principal, id: string): Promise<TaskRecord> {
    const row = await this.repository.findOneBy({ id, organizationId: principal.organizationId });
    if (!row) throw notFound('Task');
    return (await this.withResults(principal.organizationId, [row]))[0]!;
  }

  /** Newest first, filtered by status and operation; keyset-paged. */
  async list(
    principal: Principal,
    query: TaskQuery,
  ): Promise<{ data: TaskRecord[]; next_cursor: string | null }> {
    const builder = this.repository
      .createQueryBuilder('t')
      .where('t.organization_id = :org', { org: principal.organizationId })
      .orderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .take(query.limit + 1);
    if (query.status) builder.andWhere('t.status IN (:...statuses)', { statuses: query.status });
    if (query.operation)
      builder.andWhere('t.operation = :operation', {
        operation: resolveOperation(query.operation) ?? query.operation,
      });
    const after = decodeCursor(query.cursor);
    if (after)
      builder.andWhere('(t.created_at < :at OR (t.created_at = :at AND t.id < :id))', {
        at: new Date(after.at),
        id: after.id,
      });
    const rows = await builder.getMany();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: await this.withResults(principal.organizationId, page),
      next_cursor:
        rows.length > query.limit && last
          ? encodeCursor({ at: last.createdAt.getTime(), id: last.id })
          : null,
    };
  }

  /** Batch lookup in the order asked; ids that are not this organization's tasks are listed as missing. */
  async byIds(principal: Principal, ids: string[]): Promise<{ data: TaskRecord[]; missing: string[] }> {
    const unique = [...new Set(ids)];
    const rows = await this.repository.findBy({
      organizationId: principal.organizationId,
      id: inList(unique),
    });
    const byId = new Map(
      (await this.withResults(principal.organizationId, rows)).map((task) => [task.id, task]),
    );
    return {
      data: unique.flatMap((id) => byId.get(id) ?? []),
      missing: unique.filter((id) => !byId.has(id)),
    };
  }

  async stats(principal: Principal): Promise<{ counts: Record<TaskStatus, number>; recent: TaskRecord[] }> {
    const grouped = (await this.repository
      .createQueryBuilder('t')
      .select('t.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .where('t.organization_id = :org', { org: principal.organizationId })
      .groupBy('t.status')
      .getRawMany()) as Array<{ status: string; count: string | number }>;
    const counts = Object.fromEntries(TASK_STATUSES.map((status) => [status, 0])) as Record<
      TaskStatus,
      number
    >;
    for (const { status, count } of grouped)
      if (status in counts) counts[status as TaskStatus] = Number(count);
    return { counts, recent: (await this.list(principal, { limit: RECENT })).data };
  }

  /** Queued → canceled at once; processing → canceled at the run's next checkpoint; canceled → as is; otherwise 409. */
  async cancel(principal: Principal, id: string): Promise<TaskRecord> {
    this.assertMayWrite(principal, 'cancel tasks');
    const row = await this.repository.findOneBy({ id, organizationId: principal.organizationId });
    if (!row) throw notFound('Task');
    if (row.status === 'canceled') return this.get(principal, id);
    const now = new Date();
    if (row.status === 'queued') {
      const canceled = await this.finisher.finish(
        row,
        { status: 'canceled' },
        { statuses: ['queued'], attempts: row.attempts },
        now,
      );
      if (canceled) return this.get(principal, id);
    }
    if (row.status === 'queued' || row.status === 'processing') {
      // Claimed meanwhile (or already running): the run sees the request at its next checkpoint.
      await this.tasks.requestCancel(id, now);
      const current = await this.get(principal, id);
      if (!isFinished(current.status) || current.status === 'canceled') return current;
      row.status = current.status;
    }
    throw new AppError(
      'conflict',
      `Task ${id} already ${row.status}; only queued or processing tasks can be canceled.`,
      {
        extra: { task_status: row.status },
      },
    );
  }

  /** The output of a succeeded task: 409 `task_not_finished` before, 409 `conflict` if it failed or was canceled, 410 once expired. */
  async openResult(
    principal: Principal,
    id: string,
    now = new Date(),
  ): Promise<ResultDownload & { task: TaskRecord }> {
    const task = await this.get(principal, id);
    if (task.status === 'queued' || task.status === 'processing') {
      throw new AppError(
        'task_not_finished',
        `Task ${id} is ${task.status}; poll its status until it has succeeded.`,
        {
          extra: { task_status: task.status, progress: task.progress },
        },
      );
    }
    if (task.status === 'expired') {
      throw new AppError(
        'result_expired',
        `The result of task ${id} expired at ${task.expiresAt?.toISOString()}; submit it again.`,
        {
          extra: { expired_at: task.expiresAt?.toISOString() },
        },
      );
    }
    if (task.status !== 'succeeded' || !task.result) {
      throw new AppError(
        'conflict',
        `Task ${id} ${task.status === 'failed' ? `failed (${task.error?.code})` : 'was canceled'}; it has no result.`,
        {
          extra: { task_status: task.status, task_error: task.error },
        },
      );
    }
    return { ...(await this.results.download(principal.organizationId, task.result.id, now)), task };
  }

  /** The task once it finished, or as it is after `timeoutMs` (or when `signal` aborts). */
  async waitFor(
    principal: Principal,
    id: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<TaskRecord> {
    const deadline = Date.now() + timeoutMs;
    let task = await this.get(principal, id);
    while (!isFinished(task.status) && Date.now() < deadline && !signal?.aborted) {
      await this.nextChange(id, Math.min(WAIT_POLL_MS, deadline - Date.now()), signal);
      task = await this.get(principal, id);
    }
    return task;
  }

  /** 422 for a callback URL the hub must not call (private, loopback, link-local …; see the SSRF guard). */
  private async checkCallbackUrl(url: string, api: SubmitOptions['api']): Promise<void> {
    if (this.guards) await checkUrlField(this.guards.ssrf, url, api === 'v1' ? 'webhookUrl' : 'webhook_url', { allowUnresolved: true });
  }

  /** The plaintext callback secret of a task (for the webhook sender); null when none was given. */
  async callbackSecret(taskId: string): Promise<string | null> {
    const row = await this.repository.findOne({
      where: { id: taskId },
      select: { id: true, webhookSecret: true },
    });
    return row?.webhookSecret ? this.secrets.open(row.webhookSecret, webhookSecretContext(taskId)) : null;
  }

  private nextChange(id: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiters.get(id) ?? new Set();
      this.waiters.set(id, set);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        set.delete(done);
        if (set.size === 0) this.waiters.delete(id);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done);
      set.add(done);
    });
  }

  private async withResults(organizationId: string, rows: TaskRow[]): Promise<TaskRecord[]> {
    const ids = rows.flatMap((row) => (row.status === 'succeeded' && row.resultId ? [row.resultId] : []));
    const results = new Map(
      (await this.results.findMany(organizationId, ids)).map((result) => [result.id, result]),
    );
    return rows.map((row) => toTaskRecord(row, row.resultId ? (results.get(row.resultId) ?? null) : null));
  }

  private get repository() {
    return this.db.getRepository(TaskRow);
  }
}

const inList = (ids: string[]) => (ids.length > 0 ? In(ids) : In(['']));
