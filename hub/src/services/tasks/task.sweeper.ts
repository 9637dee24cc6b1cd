import { TaskRow } from '../../db/entities/task.entity.js';
import { STRANDED_AFTER_MS, type Enqueue, type RequeueStranded, type StrandedRowsKind } from '../job-port.js';
import type { Logger } from '../../logger.js';
import { ROW_KEEP_MS, type ResultService } from '../result.service.js';
import type { TaskFinisher } from './task.finisher.js';
import type { TaskRepository } from './task.repository.js';

export { STRANDED_AFTER_MS };

/** The data of the job that runs one task (`jobs/process-task.job.ts`). */
export interface ProcessTaskJobData {
  taskId: string;
}

/** The queue as tasks see it: their job, and the sweep for tasks whose job went missing. */
export interface TaskJobs {
  processTask: Enqueue<ProcessTaskJobData>;
  requeueStranded: RequeueStranded;
}
const BATCH = 200;

/**
 * Periodic repairs and retention for tasks (run by the `recover-tasks` and `purge-expired` jobs):
 * - a live task (queued, processing) without a live agenda job gets a new one — the submitting process
 *   stopped between inserting the row and enqueuing, or the job was deleted;
 * - a finished task whose `task.finished` was never taken is emitted again;
 * - past retention, the inputs (and the result) are deleted, a succeeded task reads `expired`, and
 *   30 days later the row goes.
 */
export class TaskSweeper {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly jobs: TaskJobs,
    private readonly results: ResultService,
    private readonly finisher: TaskFinisher,
    private readonly logger: Logger,
  ) {}

  async recover(now = new Date()): Promise<{ requeued: number; renotified: number }> {
    return { requeued: await this.requeueStranded(now), renotified: await this.renotify(now) };
  }

  private async requeueStranded(now: Date): Promise<number> {
    const requeued = await this.jobs.requeueStranded(this.stranded, now);
    for (const { id, jobId } of requeued)
      this.logger.warn({ task: id, job: jobId }, 'requeued a task that had no job');
    return requeued.length;
  }

  private readonly stranded: StrandedRowsKind<TaskRow> = {
    entity: TaskRow,
    live: ['queued', 'processing'],
    enqueue: (taskId) => this.jobs.processTask({ taskId }),
    touch: (now) => ({ updatedAt: now }),
  };

  private async renotify(now: Date): Promise<number> {
    const owed = await this.tasks.owedNotifications(new Date(now.getTime() - STRANDED_AFTER_MS), BATCH);
    let sent = 0;
    for (const row of owed) if (await this.finisher.notify(row)) sent += 1;
    return sent;
  }

  /** Results past retention (sync and task outputs) and tasks past retention: blobs deleted, states updated, old rows removed. */
  async purge(
    now = new Date(),
  ): Promise<{ results: { blobs: number; rows: number }; tasks: { expired: number; rows: number } }> {
    const results = await this.results.purgeExpired(now);
    let expired = 0;
    for (;;) {
      const batch = await this.tasks.duePurge(now, BATCH);
      if (batch.length === 0) break;
      for (const row of batch) await this.finisher.deleteInputs(row);
      expired += await this.tasks.markPurged(
        batch.map((row) => row.id),
        now,
      );
      if (batch.length < BATCH) break;
    }
    const removed = await this.tasks.deleteExpiredBefore(new Date(now.getTime() - ROW_KEEP_MS));
    return { results, tasks: { expired, rows: removed } };
  }
}
