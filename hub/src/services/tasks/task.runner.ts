import type { DataSource } from 'typeorm';
import type { Config } from '../../config.js';
import { ApiKeyRow } from '../../db/entities/api-key.entity.js';
import type { TaskRow } from '../../db/entities/task.entity.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { engineInput, runOperation } from '../../processing/index.js';
import { BlobNotFoundError, type BlobStore } from '../../storage/blob-store.js';
import { resultFileOf } from '../image.service.js';
import type { ResultService } from '../result.service.js';
import type { TaskFinisher } from './task.finisher.js';
import { Heartbeat } from './heartbeat.js';
import type { TaskRepository } from './task.repository.js';

/** What the `process-task` job gives the runner: its agenda id and a way to extend its lock. */
export interface RunHandle {
  jobId: string;
  touch(): Promise<void>;
}

/** The run that claimed the task may end it while it is still processing under its attempt number. */
type RunGuard = { statuses: ['processing']; attempts: number };

/** A failure that another run would not fix (bad input, bad parameters): the task fails at once. */
interface Failure {
  permanent: boolean;
  code: string;
  message: string;
}

/**
 * Runs one task in a worker: claim (one run at a time, counted in `attempts`), read the inputs, run
 * the engine, keep the output as a result, finish. Cancellation is honoured at checkpoints (after
 * the claim, while the engine runs — the heartbeat aborts it —, before the output is kept).
 * Permanent failures end the task `failed`; transient ones put it back to `queued` and throw, so
 * agenda retries the job after its backoff, until `maxAttempts` runs.
 */
export class TaskRunner {
  constructor(
    private readonly db: DataSource,
    private readonly tasks: TaskRepository,
    private readonly blobs: BlobStore,
    private readonly results: ResultService,
    private readonly finisher: TaskFinisher,
    private readonly config: Pick<Config, 'tasks' | 'processingLimits' | 'testKeyPreviewPixels'>,
    private readonly logger: Logger,
  ) {}

  async run(taskId: string, handle: RunHandle): Promise<void> {
    const row = await this.claim(taskId, handle.jobId);
    if (!row) return;
    const keepAlive = async () => {
      await handle.touch();
      await this.tasks.heartbeat(row);
    };
    const heartbeat = new Heartbeat(
      keepAlive,
      () => this.cancelRequested(row),
      this.config.tasks.lockLifetimeMs,
      this.logger,
    );
    const guard: RunGuard = { statuses: ['processing'], attempts: row.attempts };
    try {
      const inputs = await Promise.all(
        row.inputs.map((input) => this.blobs.get(row.organizationId, input.blobKey)),
      );
      await this.progress(row, 10);
      const run = await runOperation(row.operation, engineInput(row.operation as never, inputs), row.params, {
        limits: this.config.processingLimits,
        signal: heartbeat.signal,
        previewPixels: (await this.submittedWithTestKey(row)) ? this.config.testKeyPreviewPixels : undefined,
      });
      await this.progress(row, 80);
      if (await this.cancelRequested(row)) {
        await this.finisher.finish(row, { status: 'canceled' }, guard);
        return;
      }
      const now = new Date();
      const owner = { organizationId: row.organizationId, keyId: row.keyId, taskId: row.id };
      const result = await this.results.create(
        owner,
        resultFileOf(run, row.inputs[0]?.filename),
        now,
        this.config.tasks.retentionMs,
      );
      this.logger.info(
        { task: row.id, attempt: row.attempts, duration_ms: run.durationMs },
        'task run completed',
      );
      const finished = await this.finisher.finish(row, { status: 'succeeded', result }, guard, now);
      // Another run took the task over meanwhile (this one stalled past its lock): its outcome stands.
      if (!finished) await this.results.remove(row.organizationId, result.id);
    } catch (error) {
      await this.failed(row, error, guard);
    } finally {
      heartbeat.stop();
    }
  }

  /** Test-mode keys get preview-size outputs, in tasks as in sync calls. */
  private async submittedWithTestKey(row: TaskRow): Promise<boolean> {
    if (!row.keyId) return false;
    const key = await this.db.getRepository(ApiKeyRow).findOne({ where: { id: row.keyId }, select: { id: true, mode: true } });
    return key?.mode === 'test';
  }

  /**
   * Takes the task for this job: a queued task (no owner, or this job), or one this job was running
   * when its worker stopped. Ends it instead when it was canceled or has used up its runs.
   */
  private async claim(taskId: string, jobId: string): Promise<TaskRow | undefined> {
    const row = await this.tasks.find(taskId);
    if (!row || (row.jobId !== null && row.jobId !== jobId)) return undefined; // gone, or another job owns it
    if (row.status !== 'queued' && !(row.status === 'processing' && row.jobId === jobId)) return undefined;
    // This job, run twice at once (its lock lapsed while the first run stalled): leave the live run alone.
    if (
      row.status === 'processing' &&
      row.updatedAt.getTime() > Date.now() - this.config.tasks.lockLifetimeMs / 2
    ) {
      throw new Error(`task ${row.id} is still running elsewhere (its heartbeat is fresh)`);
    }
    const seen = { statuses: [row.status as 'queued' | 'processing'], attempts: row.attempts };
    if (row.cancelRequestedAt) {
      await this.finisher.finish(row, { status: 'canceled' }, seen);
      return undefined;
    }
    if (row.attempts >= this.config.tasks.maxAttempts) {
      const message = `The task was started ${row.attempts} times and its worker stopped each time before it finished.`;
      await this.finisher.finish(row, { status: 'failed', error: { code: 'internal', message } }, seen);
      return undefined;
    }
    return this.tasks.claim(row, jobId);
  }

  private async failed(row: TaskRow, error: unknown, guard: RunGuard): Promise<void> {
    if (await this.cancelRequested(row).catch(() => false)) {
      await this.finisher.finish(row, { status: 'canceled' }, guard);
      return;
    }
    const failure = classify(error, row.attempts);
    if (failure.permanent || row.attempts >= this.config.tasks.maxAttempts) {
      if (!failure.permanent)
        this.logger.error(
          { err: error, task: row.id, attempt: row.attempts },
          'task failed on its last attempt',
        );
      await this.finisher.finish(row, { status: 'failed', error: failure }, guard);
      return;
    }
    this.logger.warn(
      { err: error, task: row.id, attempt: row.attempts },
      'task attempt failed; retrying after backoff',
    );
    await this.tasks.requeue(row);
    throw error; // agenda schedules the retry (the definition's backoff)
  }

  private cancelRequested(row: TaskRow): Promise<boolean> {
    return this.tasks.cancelRequested(row.id);
  }

  private progress(row: TaskRow, percent: number): Promise<void> {
    return this.tasks.heartbeat(row, { progress: percent });
  }
}

/** Client errors (4xx: unreadable image, bad parameters) are permanent; anything else may pass on another run. */
function classify(error: unknown, attempts: number): Failure {
  if (error instanceof AppError && error.status < 500)
    return { permanent: true, code: error.code, message: error.detail };
  if (error instanceof BlobNotFoundError)
    return {
      permanent: true,
      code: 'internal',
      message: 'An input file of this task is missing from storage.',
    };
  if (error instanceof AppError)
    return { permanent: false, code: error.code, message: `${error.detail} (after ${attempts} attempts)` };
  return {
    permanent: false,
    code: 'internal',
    message: `The task failed ${attempts} times with an internal error.`,
  };
}
