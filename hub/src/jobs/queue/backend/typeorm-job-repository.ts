import {
  computeJobState,
  type JobId,
  type JobParameters,
  type JobRepository,
  type JobRepositoryOptions,
  type JobsOverview,
  type JobsQueryOptions,
  type JobsResult,
  type JobWithState,
  type RemoveJobsOptions,
} from 'agenda';
import type { DataSource } from 'typeorm';
import { claimNextJob } from './claim.js';
import { matchesData, orderByClause, queryFilter, selectionFilter, whereClause, type JobFilter } from './job-filters.js';
import { assignments, rowToJob, stateColumns } from './job-row.js';
import { saveJob } from './save-job.js';
import { dialectOf, execute, placeholders, toSqlTime, type Dialect, type RawRow } from './sql.js';

/** Ids per statement when acting on a list (well under SQLite's and MySQL's parameter limits). */
const ID_CHUNK = 500;

/**
 * agenda's `JobRepository` on the hub's TypeORM data source (SQLite or MySQL/MariaDB), table
 * `agenda_jobs` (created by the hub's migrations, not here). Semantics follow agenda's official
 * backends; see claim.ts for how claiming stays atomic across processes.
 */
export class TypeormJobRepository implements JobRepository {
  readonly dialect: Dialect;

  constructor(private readonly dataSource: DataSource) {
    this.dialect = dialectOf(dataSource);
  }

  private get store() {
    return { dataSource: this.dataSource, dialect: this.dialect };
  }

  async connect(): Promise<void> {
    if (!this.dataSource.isInitialized) throw new Error('TypeormJobRepository needs an initialized data source');
    // Fails fast with a clear error when the agenda_jobs migration has not run.
    await execute(this.dataSource, 'SELECT COUNT(*) AS count FROM agenda_jobs WHERE 1 = 0');
  }

  async getJobById(id: string): Promise<JobParameters | null> {
    const { rows } = await execute(this.dataSource, 'SELECT * FROM agenda_jobs WHERE id = ?', [id]);
    return rows[0] ? rowToJob(rows[0]) : null;
  }

  async queryJobs(options: JobsQueryOptions = {}): Promise<JobsResult> {
    const { state, skip = 0, limit = 0 } = options;
    const filter = queryFilter(this.dialect, options);
    const where = whereClause(filter);
    const orderBy = orderByClause(options.sort);
    const now = new Date();
    const withState = (job: JobParameters): JobWithState => ({ ...job, _id: job._id as JobId, state: computeJobState(job, now) });
    if (!state && filter.data === undefined) {
      // Everything is decidable in SQL: page there.
      const page = limit > 0 ? ` LIMIT ${Number(limit)} OFFSET ${Number(skip)}` : skip > 0 ? ` LIMIT ${Number.MAX_SAFE_INTEGER} OFFSET ${Number(skip)}` : '';
      const [{ rows }, count] = await Promise.all([
        execute(this.dataSource, `SELECT * FROM agenda_jobs ${where} ${orderBy}${page}`, filter.params),
        execute(this.dataSource, `SELECT COUNT(*) AS count FROM agenda_jobs ${where}`, filter.params),
      ]);
      return { jobs: rows.map((row) => withState(rowToJob(row))), total: Number(count.rows[0]?.count ?? 0) };
    }
    const { rows } = await execute(this.dataSource, `SELECT * FROM agenda_jobs ${where} ${orderBy}`, filter.params);
    const jobs = this.matching(rows, filter)
      .map(withState)
      .filter((job) => !state || (state === 'paused' ? job.disabled === true : job.state === state));
    return { jobs: limit > 0 ? jobs.slice(skip, skip + limit) : jobs.slice(skip), total: jobs.length };
  }

  async getJobsOverview(): Promise<JobsOverview[]> {
    const { rows } = await execute(
      this.dataSource,
      `SELECT id, name, priority, type, next_run_at, locked_at, last_finished_at, failed_at, repeat_interval, disabled
       FROM agenda_jobs ORDER BY name`,
    );
    const now = new Date();
    const overviews = new Map<string, JobsOverview>();
    for (const row of rows) {
      const job = rowToJob(row);
      let overview = overviews.get(job.name);
      if (!overview) {
        overview = { name: job.name, total: 0, running: 0, scheduled: 0, queued: 0, completed: 0, failed: 0, repeating: 0, paused: 0 };
        overviews.set(job.name, overview);
      }
      overview.total += 1;
      overview[computeJobState(job, now)] += 1;
      if (job.disabled) overview.paused += 1;
    }
    return [...overviews.values()];
  }

  async getDistinctJobNames(): Promise<string[]> {
    const { rows } = await execute(this.dataSource, 'SELECT DISTINCT name FROM agenda_jobs ORDER BY name');
    return rows.map((row) => String(row.name));
  }

  async getQueueSize(): Promise<number> {
    const { rows } = await execute(this.dataSource, 'SELECT COUNT(*) AS count FROM agenda_jobs WHERE next_run_at < ?', [
      toSqlTime(new Date()),
    ]);
    return Number(rows[0]?.count ?? 0);
  }

  removeJobs(options: RemoveJobsOptions): Promise<number> {
    return this.forSelection(options, (where, params) => execute(this.dataSource, `DELETE FROM agenda_jobs ${where}`, params));
  }

  disableJobs(options: RemoveJobsOptions): Promise<number> {
    return this.forSelection(options, (where, params) => execute(this.dataSource, `UPDATE agenda_jobs SET disabled = 1 ${where}`, params));
  }

  enableJobs(options: RemoveJobsOptions): Promise<number> {
    return this.forSelection(options, (where, params) => execute(this.dataSource, `UPDATE agenda_jobs SET disabled = 0 ${where}`, params));
  }

  async purgeAllJobs(): Promise<number> {
    return (await execute(this.dataSource, 'DELETE FROM agenda_jobs')).affected;
  }

  saveJob<DATA = unknown>(job: JobParameters<DATA>, options: JobRepositoryOptions | undefined): Promise<JobParameters<DATA>> {
    return saveJob(this.store, job, options);
  }

  async saveJobState(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<void> {
    if (!job._id) throw new Error('Cannot save job state without job ID');
    const set = assignments(stateColumns(job, options?.lastModifiedBy));
    const { affected } = await execute(this.dataSource, `UPDATE agenda_jobs SET ${set.sql} WHERE id = ? AND name = ?`, [
      ...set.params,
      job._id,
      job.name,
    ]);
    if (affected !== 1) {
      throw new Error(`job ${job._id} (name: ${job.name}) cannot be updated in the database, maybe it does not exist anymore?`);
    }
  }

  /** Locks this exact job if it is still unlocked, enabled and scheduled for the time the caller saw. */
  async lockJob(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<JobParameters | undefined> {
    if (!job._id) return undefined;
    const lockedAt = new Date();
    const { affected } = await execute(
      this.dataSource,
      `UPDATE agenda_jobs SET locked_at = ?, last_modified_by = ?
       WHERE id = ? AND name = ? AND locked_at IS NULL AND disabled = 0 AND next_run_at ${job.nextRunAt ? '= ?' : 'IS NULL'}`,
      [toSqlTime(lockedAt), options?.lastModifiedBy ?? null, job._id, job.name, ...(job.nextRunAt ? [toSqlTime(job.nextRunAt)] : [])],
    );
    // A single-row conditional UPDATE is atomic; only the winner reads the row back.
    return affected === 1 ? ((await this.getJobById(job._id)) ?? undefined) : undefined;
  }

  /** Releases a lock, except for a job whose run already started (nextRunAt cleared by agenda). */
  async unlockJob(job: JobParameters): Promise<void> {
    if (!job._id) return;
    await execute(this.dataSource, 'UPDATE agenda_jobs SET locked_at = NULL WHERE id = ? AND next_run_at IS NOT NULL', [job._id]);
  }

  async unlockJobs(jobIds: (JobId | string)[]): Promise<void> {
    await this.forIds(jobIds.map(String), (where, params) =>
      execute(this.dataSource, `UPDATE agenda_jobs SET locked_at = NULL ${where}`, params),
    );
  }

  async getNextJobToRun(
    jobName: string,
    nextScanAt: Date,
    lockDeadline: Date,
    now: Date | undefined,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters | undefined> {
    const row = await claimNextJob(this.dataSource, this.dialect, {
      name: jobName,
      nextScanAt,
      lockDeadline,
      lockedAt: now ?? new Date(),
      lastModifiedBy: options?.lastModifiedBy ?? null,
    });
    return row ? rowToJob(row) : undefined;
  }

  private matching(rows: RawRow[], filter: JobFilter): JobParameters[] {
    const jobs = rows.map(rowToJob);
    return filter.data === undefined ? jobs : jobs.filter((job) => matchesData(job.data, filter.data));
  }

  /** Runs a write on the jobs an options object selects; a `data` filter is resolved to ids first. */
  private async forSelection(
    options: RemoveJobsOptions,
    write: (where: string, params: (string | number | null)[]) => Promise<{ affected: number }>,
  ): Promise<number> {
    const filter = selectionFilter(this.dialect, options);
    if (!filter) return 0;
    if (filter.data === undefined) return (await write(whereClause(filter), filter.params)).affected;
    const { rows } = await execute(this.dataSource, `SELECT id, name, data FROM agenda_jobs ${whereClause(filter)}`, filter.params);
    const ids = rows.filter((row) => matchesData(rowToJob(row).data, filter.data)).map((row) => String(row.id));
    return this.forIds(ids, write);
  }

  private async forIds(
    ids: string[],
    write: (where: string, params: string[]) => Promise<{ affected: number }>,
  ): Promise<number> {
    let total = 0;
    for (let start = 0; start < ids.length; start += ID_CHUNK) {
      const chunk = ids.slice(start, start + ID_CHUNK);
      total += (await write(`WHERE id IN (${placeholders(chunk.length)})`, chunk)).affected;
    }
    return total;
  }
}
