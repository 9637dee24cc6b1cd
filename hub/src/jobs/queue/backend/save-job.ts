import crypto from 'node:crypto';
import type { JobParameters, JobRepositoryOptions } from 'agenda';
import { assignments, definitionColumns, rowToJob } from './job-row.js';
import { matchesData, whereClause, type JobFilter } from './job-filters.js';
import { dataTextAt, execute, fromSqlTime, toSqlTime, type Dialect, type RawRow, type SqlValue } from './sql.js';
import type { DataSource } from 'typeorm';

export interface JobStore {
  dataSource: DataSource;
  dialect: Dialect;
}

type Columns = Record<string, SqlValue>;

/** Top-level fields a `unique` constraint may name (anything else must be a `data.` path). */
const uniqueColumns: Record<string, string> = {
  id: 'id',
  name: 'name',
  priority: 'priority',
  nextRunAt: 'next_run_at',
  type: 'type',
  repeatInterval: 'repeat_interval',
  repeatAt: 'repeat_at',
  repeatTimezone: 'repeat_timezone',
  disabled: 'disabled',
  lastModifiedBy: 'last_modified_by',
};

async function insertJob(store: JobStore, columns: Columns): Promise<JobParameters> {
  const row = { id: crypto.randomUUID(), ...columns };
  const names = Object.keys(row);
  await execute(
    store.dataSource,
    `INSERT INTO agenda_jobs (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    Object.values(row),
  );
  return rowToJob(row);
}

async function updateJob(store: JobStore, where: { sql: string; params: SqlValue[] }, columns: Columns): Promise<RawRow | undefined> {
  const set = assignments(columns);
  const update = `UPDATE agenda_jobs SET ${set.sql} WHERE ${where.sql}`;
  if (store.dialect === 'sqlite') {
    const { rows } = await execute(store.dataSource, `${update} RETURNING *`, [...set.params, ...where.params]);
    return rows[0];
  }
  const { affected } = await execute(store.dataSource, update, [...set.params, ...where.params]);
  if (affected === 0) return undefined;
  const { rows } = await execute(store.dataSource, `SELECT * FROM agenda_jobs WHERE ${where.sql}`, where.params);
  return rows[0];
}

/**
 * `type: 'single'` (what `every()` creates): one job per name, enforced by the unique `single_key`.
 * A due `nextRunAt` does not move an existing schedule, so re-registering at boot does not re-run it.
 */
async function upsertSingleJob(store: JobStore, columns: Columns): Promise<JobParameters> {
  const row: Columns = { id: crypto.randomUUID(), ...columns };
  const names = Object.keys(row);
  const nextRunAt = fromSqlTime(columns.next_run_at);
  const keepSchedule = nextRunAt !== undefined && nextRunAt <= new Date();
  const updated = names.filter((name) => !['id', 'name', 'type', 'single_key'].includes(name));
  const insert = `INSERT INTO agenda_jobs (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
  if (store.dialect === 'sqlite') {
    const set = updated.map((name) =>
      name === 'next_run_at' && keepSchedule
        ? 'next_run_at = COALESCE(agenda_jobs.next_run_at, excluded.next_run_at)'
        : `${name} = excluded.${name}`,
    );
    const { rows } = await execute(
      store.dataSource,
      `${insert} ON CONFLICT (single_key) DO UPDATE SET ${set.join(', ')} RETURNING *`,
      Object.values(row),
    );
    return rowToJob(rows[0]!);
  }
  const set = updated.map((name) =>
    name === 'next_run_at' && keepSchedule
      ? 'next_run_at = COALESCE(next_run_at, VALUES(next_run_at))'
      : `${name} = VALUES(${name})`,
  );
  await execute(store.dataSource, `${insert} ON DUPLICATE KEY UPDATE ${set.join(', ')}`, Object.values(row));
  const { rows } = await execute(store.dataSource, 'SELECT * FROM agenda_jobs WHERE single_key = ?', [columns.single_key]);
  return rowToJob(rows[0]!);
}

function uniqueFilter(store: JobStore, job: JobParameters): JobFilter {
  const filter: JobFilter = { conditions: ['name = ?'], params: [job.name] };
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(job.unique ?? {})) {
    if (key.startsWith('data.')) {
      const path = key.slice('data.'.length).split('.');
      let node = data;
      path.slice(0, -1).forEach((part) => (node = (node[part] ??= {}) as Record<string, unknown>));
      node[path.at(-1)!] = value;
      if (typeof value === 'string') {
        const text = dataTextAt(store.dialect, path);
        filter.conditions.push(`${text.sql} = ?`);
        filter.params.push(text.param, value);
      }
      continue;
    }
    const column = uniqueColumns[key];
    if (!column) throw new Error(`Invalid unique constraint field: "${key}"`);
    filter.conditions.push(`${column} = ?`);
    filter.params.push(value instanceof Date ? toSqlTime(value) : typeof value === 'boolean' ? Number(value) : (value as SqlValue));
  }
  if (Object.keys(data).length > 0) filter.data = data;
  return filter;
}

async function findUnique(store: JobStore, job: JobParameters): Promise<RawRow | undefined> {
  const filter = uniqueFilter(store, job);
  const { rows } = await execute(store.dataSource, `SELECT * FROM agenda_jobs ${whereClause(filter)} ORDER BY id`, filter.params);
  return rows.find((row) => filter.data === undefined || matchesData(rowToJob(row).data, filter.data));
}

/** `unique` (+ `insertOnly`, debounce): update the matching job or insert a new one. */
async function saveUniqueJob(store: JobStore, job: JobParameters, columns: Columns): Promise<JobParameters> {
  const debounce = job.uniqueOpts?.debounce;
  const now = new Date();
  const existing = await findUnique(store, job);
  if (!existing) {
    if (!debounce) return insertJob(store, columns);
    const nextRunAt = debounce.strategy === 'leading' ? job.nextRunAt : new Date(now.getTime() + debounce.delay);
    return insertJob(store, { ...columns, next_run_at: toSqlTime(nextRunAt), debounce_started_at: toSqlTime(now) });
  }
  if (job.uniqueOpts?.insertOnly && !debounce) return rowToJob(existing);
  let nextRunAt: Date | null | undefined = job.nextRunAt;
  let debounceStartedAt: Date | null = null;
  if (debounce) {
    const startedAt = fromSqlTime(existing.debounce_started_at) ?? now;
    if (debounce.strategy === 'leading') {
      // The first save already scheduled the run; later saves in the window only refresh the data.
      nextRunAt = fromSqlTime(existing.next_run_at) ?? null;
      debounceStartedAt = startedAt;
    } else if (debounce.maxWait !== undefined && now.getTime() - startedAt.getTime() >= debounce.maxWait) {
      nextRunAt = now;
    } else {
      nextRunAt = new Date(now.getTime() + debounce.delay);
      debounceStartedAt = startedAt;
    }
  }
  const row = await updateJob(
    store,
    { sql: 'id = ?', params: [String(existing.id)] },
    { ...columns, next_run_at: toSqlTime(nextRunAt), debounce_started_at: toSqlTime(debounceStartedAt) },
  );
  return row ? rowToJob(row) : rowToJob(existing);
}

/** `JobRepository.saveJob`: update by id, upsert a single job, honour `unique`, or insert. */
export async function saveJob<DATA>(
  store: JobStore,
  job: JobParameters<DATA>,
  options: JobRepositoryOptions | undefined,
): Promise<JobParameters<DATA>> {
  const columns = definitionColumns(job as JobParameters, options?.lastModifiedBy);
  let saved: JobParameters;
  if (job._id) {
    const row = await updateJob(store, { sql: 'id = ? AND name = ?', params: [job._id, job.name] }, columns);
    // Removed meanwhile (e.g. cancelled while running): hand back what the caller had.
    if (!row) return job;
    saved = rowToJob(row);
  } else if (job.type === 'single') {
    saved = await upsertSingleJob(store, columns);
  } else if (job.unique) {
    saved = await saveUniqueJob(store, job as JobParameters, columns);
  } else {
    saved = await insertJob(store, columns);
  }
  return saved as JobParameters<DATA>;
}
