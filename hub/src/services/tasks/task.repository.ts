import type { TaskStatus } from '@pixport/shared';
import { In, IsNull, LessThan, LessThanOrEqual, type DataSource, type Repository } from 'typeorm';
import { TaskRow } from '../../db/entities/task.entity.js';

/** The state the caller saw: the transition happens only if the row is still in it (no lost updates). */
export interface TaskGuard {
  statuses: TaskStatus[];
  /** The run (attempt number) that may finish the task; absent for tasks no run has claimed. */
  attempts?: number;
}

/** One run of a task: the attempt that claimed it. Its writes hold only while the task is still this run's. */
export type TaskRun = Pick<TaskRow, 'id' | 'attempts'>;

/** The columns a finished task gets. */
export type FinishedColumns = Pick<
  TaskRow,
  'status' | 'resultId' | 'errorCode' | 'errorMessage' | 'progress' | 'finishedAt' | 'updatedAt' | 'expiresAt'
>;

/**
 * Every write on a task's status, run and lease, each one guarded UPDATE (the row changes only if it is
 * still in the state the caller saw, so two processes never both win): claim a queued task for a job,
 * stamp the run's heartbeat, put it back after a failed attempt, finish it, record its job, ask it to
 * cancel. Reads that services compose freely (lists, pages) stay with them.
 */
export class TaskRepository {
  private readonly rows: Repository<TaskRow>;

  constructor(private readonly db: DataSource) {
    this.rows = db.getRepository(TaskRow);
  }

  find(id: string): Promise<TaskRow | null> {
    return this.rows.findOneBy({ id });
  }

  /** Whether someone asked the task to cancel (polled by its run). */
  async cancelRequested(id: string): Promise<boolean> {
    const current = await this.rows.findOne({ where: { id }, select: { id: true, cancelRequestedAt: true } });
    return current?.cancelRequestedAt != null;
  }

  /**
   * `row` (as read, queued or processing) becomes this job's next run: processing, one more attempt, owned
   * by `jobId`. Only if nobody changed its status or attempts meanwhile and no other job owns it; the
   * claimed row, or undefined when another run won.
   */
  async claim(row: TaskRow, jobId: string, now = new Date()): Promise<TaskRow | undefined> {
    const changes = {
      status: 'processing',
      attempts: row.attempts + 1,
      jobId,
      startedAt: row.startedAt ?? now,
      progress: 0,
      updatedAt: now,
    };
    const { affected } = await this.db
      .createQueryBuilder()
      .update(TaskRow)
      .set(changes)
      .where('id = :id AND status = :status AND attempts = :attempts', {
        id: row.id,
        status: row.status,
        attempts: row.attempts,
      })
      .andWhere('(job_id IS NULL OR job_id = :jobId)', { jobId })
      .execute();
    return affected ? { ...row, ...changes } : undefined;
  }

  /** The run's heartbeat (`updatedAt`), with its progress, while the task is still this run's. */
  async heartbeat(run: TaskRun, changes: Partial<Pick<TaskRow, 'progress'>> = {}): Promise<void> {
    await this.whileRunning(run, { ...changes, updatedAt: new Date() });
  }

  /** After a failed attempt that another may fix: back to queued (agenda retries the job after its backoff). */
  async requeue(run: TaskRun): Promise<void> {
    await this.whileRunning(run, { status: 'queued', progress: 0, updatedAt: new Date() });
  }

  private async whileRunning(run: TaskRun, changes: Partial<Pick<TaskRow, 'status' | 'progress' | 'updatedAt'>>): Promise<void> {
    await this.db
      .createQueryBuilder()
      .update(TaskRow)
      .set(changes)
      .where('id = :id AND status = :status AND attempts = :attempts', {
        id: run.id,
        status: 'processing',
        attempts: run.attempts,
      })
      .execute();
  }

  /** Moves the task to a terminal state if `guard` still holds; whether it did. */
  async finishIf(id: string, guard: TaskGuard, changes: FinishedColumns): Promise<boolean> {
    const update = this.db
      .createQueryBuilder()
      .update(TaskRow)
      .set(changes)
      .where('id = :id', { id })
      .andWhere('status IN (:...statuses)', { statuses: guard.statuses });
    if (guard.attempts !== undefined) update.andWhere('attempts = :attempts', { attempts: guard.attempts });
    const { affected } = await update.execute();
    return Boolean(affected);
  }

  /** Records the task's job once enqueued; the job may already have claimed the task (then this changes nothing). */
  async recordJob(id: string, jobId: string): Promise<void> {
    await this.db
      .createQueryBuilder()
      .update(TaskRow)
      .set({ jobId })
      .where('id = :id AND job_id IS NULL', { id })
      .execute();
  }

  /** Removes a task no job could be enqueued for, if nothing claimed it meanwhile. */
  async withdrawQueued(id: string): Promise<void> {
    await this.rows.delete({ id, status: 'queued' });
  }

  /** A live task's run sees this at its next checkpoint; asked once. */
  async requestCancel(id: string, now = new Date()): Promise<void> {
    await this.db
      .createQueryBuilder()
      .update(TaskRow)
      .set({ cancelRequestedAt: now, updatedAt: now })
      .where('id = :id AND status IN (:...live) AND cancel_requested_at IS NULL', {
        id,
        live: ['queued', 'processing'],
      })
      .execute();
  }

  /** Subscribers took the task's `task.finished`. */
  async markNotified(id: string, now = new Date()): Promise<void> {
    await this.rows.update({ id }, { notifiedAt: now });
  }

  /** Finished tasks whose `task.finished` is still owed, finished before `before`. */
  owedNotifications(before: Date, take: number): Promise<TaskRow[]> {
    return this.rows.find({
      where: { notifiedAt: IsNull(), finishedAt: LessThan(before), status: In(['succeeded', 'failed', 'canceled']) },
      take,
    });
  }

  /** Tasks past retention whose inputs are not purged yet, oldest first. */
  duePurge(now: Date, take: number): Promise<TaskRow[]> {
    return this.rows.find({
      where: { expiresAt: LessThanOrEqual(now), purgedAt: IsNull() },
      take,
      order: { expiresAt: 'ASC' },
    });
  }

  /** Past retention: a succeeded task reads `expired`, and every one is marked purged; the number expired. */
  async markPurged(ids: string[], now: Date): Promise<number> {
    const succeeded = await this.rows.update({ id: In(ids), status: 'succeeded' }, { status: 'expired', updatedAt: now });
    await this.rows.update({ id: In(ids) }, { purgedAt: now });
    return succeeded.affected ?? 0;
  }

  /** Rows whose retention ended before `before`; the number removed. */
  async deleteExpiredBefore(before: Date): Promise<number> {
    return (await this.rows.delete({ expiresAt: LessThan(before) })).affected ?? 0;
  }
}
