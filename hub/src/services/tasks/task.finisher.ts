import {
  processingTaskResultPath,
  processingTaskStatusPath,
  taskPath,
  taskResultPath,
  type TaskStatus,
} from '@pixport/shared';
import type { TaskRow } from '../../db/entities/task.entity.js';
import type { Logger } from '../../logger.js';
import type { BlobStore } from '../../storage/blob-store.js';
import type { DomainEvents, TaskFinishedEvent } from '../domain-events.js';
import type { ResultRecord, ResultService } from '../result.service.js';
import { callbackOf } from './task.dto.js';
import type { FinishedColumns, TaskGuard, TaskRepository } from './task.repository.js';

export type { TaskGuard };

export type TaskOutcome =
  | { status: 'succeeded'; result: ResultRecord }
  | { status: 'failed'; error: { code: string; message: string } }
  | { status: 'canceled' };

const MAX_ERROR_MESSAGE = 1000;

/**
 * Ends tasks: the one conditional transition to a terminal state, then the input blobs are deleted and
 * `task.finished` is emitted. `notifiedAt` records that the subscribers took the event; while it is
 * null the recovery sweep emits it again.
 */
export class TaskFinisher {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly blobs: BlobStore,
    private readonly results: ResultService,
    private readonly events: DomainEvents,
    private readonly retentionMs: number,
    private readonly logger: Logger,
  ) {}

  /** Moves the task to the outcome's state if `guard` still holds; the finished row, or undefined when it did not. */
  async finish(
    row: TaskRow,
    outcome: TaskOutcome,
    guard: TaskGuard,
    now = new Date(),
  ): Promise<TaskRow | undefined> {
    const changes: FinishedColumns = {
      status: outcome.status as TaskStatus,
      resultId: outcome.status === 'succeeded' ? outcome.result.id : null,
      errorCode: outcome.status === 'failed' ? outcome.error.code : null,
      errorMessage: outcome.status === 'failed' ? outcome.error.message.slice(0, MAX_ERROR_MESSAGE) : null,
      progress: outcome.status === 'succeeded' ? 100 : row.progress,
      finishedAt: now,
      updatedAt: now,
      // A succeeded task lives as long as its result; the others keep their row (and 404s) as long.
      expiresAt:
        outcome.status === 'succeeded'
          ? outcome.result.expiresAt
          : new Date(now.getTime() + this.retentionMs),
    };
    if (!(await this.tasks.finishIf(row.id, guard, changes))) return undefined;
    const finished: TaskRow = { ...row, ...changes };
    this.logger.info(
      { task: row.id, status: outcome.status, attempts: row.attempts, error: finished.errorCode },
      'task finished',
    );
    await this.deleteInputs(finished);
    await this.notify(finished, outcome.status === 'succeeded' ? outcome.result.filename : undefined);
    return finished;
  }

  /** Emits `task.finished` and records that it was taken; false (the event stays owed) when a subscriber failed. */
  async notify(row: TaskRow, outputFilename?: string): Promise<boolean> {
    const filename =
      outputFilename ??
      (row.resultId
        ? (await this.results.findMany(row.organizationId, [row.resultId]))[0]?.filename
        : undefined);
    try {
      await this.events.emit('task.finished', finishedEvent(row, filename ?? null));
    } catch {
      return false; // logged by the emitter; the recovery sweep emits it again
    }
    await this.tasks.markNotified(row.id);
    return true;
  }

  /** Best effort: a leftover input is deleted again when the task expires. */
  async deleteInputs(row: TaskRow): Promise<void> {
    for (const input of row.inputs) {
      await this.blobs.delete(row.organizationId, input.blobKey).catch((error: unknown) => {
        this.logger.warn({ err: error, task: row.id }, 'could not delete a task input');
      });
    }
  }
}

function finishedEvent(row: TaskRow, outputFilename: string | null): TaskFinishedEvent {
  const status = row.status as TaskFinishedEvent['status'];
  const seed = row.api === 'seed';
  return {
    id: `${row.id}.${status}`,
    taskId: row.id,
    organizationId: row.organizationId,
    keyId: row.keyId,
    operation: row.operation,
    endpoint: row.endpoint,
    api: seed ? 'seed' : 'v1',
    status,
    error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? '' } : null,
    resultId: row.resultId,
    outputFilename,
    statusPath: seed ? processingTaskStatusPath(row.id) : taskPath(row.id),
    resultPath: seed ? processingTaskResultPath(row.id) : taskResultPath(row.id),
    finishedAt: row.finishedAt!,
    callback: callbackOf(row),
  };
}
