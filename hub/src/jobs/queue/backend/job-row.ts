import { toJobId, type JobParameters } from 'agenda';
import { fromSqlTime, toSqlTime, type RawRow, type SqlValue } from './sql.js';

const optional = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);
const parseJson = (value: unknown): unknown => (value === null || value === undefined ? undefined : JSON.parse(String(value)));
const toJson = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

/** A stored row as agenda's `JobParameters` (absent values are `undefined`, like the official backends). */
export function rowToJob(row: RawRow): JobParameters {
  return {
    _id: toJobId(String(row.id)),
    name: String(row.name),
    priority: Number(row.priority),
    nextRunAt: fromSqlTime(row.next_run_at) ?? null,
    type: row.type === 'single' ? 'single' : 'normal',
    lockedAt: fromSqlTime(row.locked_at),
    lastRunAt: fromSqlTime(row.last_run_at),
    lastFinishedAt: fromSqlTime(row.last_finished_at),
    failedAt: fromSqlTime(row.failed_at),
    failCount: optional(row.fail_count as number | null),
    failReason: optional(row.fail_reason as string | null),
    repeatTimezone: optional(row.repeat_timezone as string | null),
    repeatInterval: parseJson(row.repeat_interval) as string | number | undefined,
    repeatAt: optional(row.repeat_at as string | null),
    data: parseJson(row.data),
    disabled: Boolean(row.disabled),
    progress: row.progress === null || row.progress === undefined ? undefined : Number(row.progress),
    fork: Boolean(row.fork),
    lastModifiedBy: optional(row.last_modified_by as string | null),
    debounceStartedAt: fromSqlTime(row.debounce_started_at),
    startDate: fromSqlTime(row.start_date),
    endDate: fromSqlTime(row.end_date),
    skipDays: parseJson(row.skip_days) as number[] | undefined,
  };
}

/** Columns a user's `save()` sets (agenda leaves the processor-managed ones to `saveJobState`). */
export function definitionColumns(job: JobParameters, lastModifiedBy: string | undefined): Record<string, SqlValue> {
  return {
    name: job.name,
    priority: job.priority,
    next_run_at: toSqlTime(job.nextRunAt),
    type: job.type,
    single_key: job.type === 'single' ? job.name : null,
    repeat_timezone: job.repeatTimezone ?? null,
    repeat_interval: toJson(job.repeatInterval),
    repeat_at: job.repeatAt ?? null,
    data: toJson(job.data),
    disabled: job.disabled ? 1 : 0,
    fork: job.fork ? 1 : 0,
    last_modified_by: lastModifiedBy ?? null,
    start_date: toSqlTime(job.startDate),
    end_date: toSqlTime(job.endDate),
    skip_days: toJson(job.skipDays),
  };
}

/** Columns the job processor owns: lock, run times, progress, failure bookkeeping. */
export function stateColumns(job: JobParameters, lastModifiedBy: string | undefined): Record<string, SqlValue> {
  return {
    locked_at: toSqlTime(job.lockedAt),
    next_run_at: toSqlTime(job.nextRunAt),
    last_run_at: toSqlTime(job.lastRunAt),
    progress: job.progress ?? null,
    fail_reason: job.failReason ?? null,
    fail_count: job.failCount ?? null,
    failed_at: toSqlTime(job.failedAt),
    last_finished_at: toSqlTime(job.lastFinishedAt),
    last_modified_by: lastModifiedBy ?? null,
  };
}

/** `a = ?, b = ?` and its parameters. */
export function assignments(columns: Record<string, SqlValue>): { sql: string; params: SqlValue[] } {
  const names = Object.keys(columns);
  return { sql: names.map((name) => `${name} = ?`).join(', '), params: names.map((name) => columns[name]!) };
}
