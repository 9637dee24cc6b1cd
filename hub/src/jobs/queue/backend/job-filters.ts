import type { JobsQueryOptions, RemoveJobsOptions } from 'agenda';
import { dataTextAt, placeholders, type Dialect, type SqlValue } from './sql.js';

/** SQL conditions (joined with AND) plus an optional `data` filter that is checked in JavaScript. */
export interface JobFilter {
  conditions: string[];
  params: SqlValue[];
  /** Partial match on the job's data; SQL pre-selects by its string leaves, `matchesData` decides. */
  data?: unknown;
}

export const whereClause = (filter: JobFilter) =>
  filter.conditions.length > 0 ? `WHERE ${filter.conditions.join(' AND ')}` : '';

function addIn(filter: JobFilter, column: string, values: string[], negate = false): void {
  if (values.length === 0) {
    // An empty include list selects nothing; an empty exclude list excludes nothing.
    filter.conditions.push(negate ? '1 = 1' : '1 = 0');
    return;
  }
  filter.conditions.push(`${column} ${negate ? 'NOT IN' : 'IN'} (${placeholders(values.length)})`);
  filter.params.push(...values);
}

function addData(dialect: Dialect, filter: JobFilter, data: unknown): void {
  filter.data = data;
  for (const [path, value] of stringLeaves(data)) {
    const { sql, param } = dataTextAt(dialect, path);
    filter.conditions.push(`${sql} = ?`);
    filter.params.push(param, value);
  }
}

const simpleKey = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** String values of a partial data object with plain key paths: the part SQL can compare exactly. */
function stringLeaves(value: unknown, path: string[] = []): [string[], string][] {
  if (typeof value === 'string' && path.length > 0) return [[path, value]];
  if (!isPlainObject(value)) return [];
  return Object.entries(value)
    .filter(([key]) => simpleKey.test(key))
    .flatMap(([key, child]) => stringLeaves(child, [...path, key]));
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Containment, like PostgreSQL's `jsonb @>`: objects match by subset, everything else by equality. */
export function matchesData(actual: unknown, expected: unknown): boolean {
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return false;
    return Object.entries(expected).every(([key, value]) => matchesData(actual[key], value));
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.every((item) => actual.some((candidate) => matchesData(candidate, item)));
  }
  return actual === expected;
}

/** Which jobs `removeJobs`/`disableJobs`/`enableJobs` touch; null when the options select nothing at all. */
export function selectionFilter(dialect: Dialect, options: RemoveJobsOptions): JobFilter | null {
  const filter: JobFilter = { conditions: [], params: [] };
  if (options.id !== undefined) addIn(filter, 'id', [String(options.id)]);
  else if (options.ids !== undefined) addIn(filter, 'id', options.ids.map(String));
  if (options.name !== undefined) addIn(filter, 'name', [options.name]);
  else if (options.names !== undefined) addIn(filter, 'name', options.names);
  else if (options.notNames !== undefined) addIn(filter, 'name', options.notNames, true);
  if (options.data !== undefined) addData(dialect, filter, options.data);
  return filter.conditions.length > 0 || filter.data !== undefined ? filter : null;
}

/** The filter part of `queryJobs` (state is computed afterwards). */
export function queryFilter(dialect: Dialect, options: JobsQueryOptions): JobFilter {
  const filter: JobFilter = { conditions: [], params: [] };
  if (options.name) addIn(filter, 'name', [options.name]);
  else if (options.names && options.names.length > 0) addIn(filter, 'name', options.names);
  if (options.id) addIn(filter, 'id', [options.id]);
  else if (options.ids && options.ids.length > 0) addIn(filter, 'id', options.ids);
  if (options.search) {
    filter.conditions.push(`name LIKE ? ESCAPE '!'`);
    filter.params.push(`%${options.search.replace(/[!%_]/g, '!$&')}%`);
  }
  if (options.data !== undefined) addData(dialect, filter, options.data);
  if (options.includeDisabled === false) filter.conditions.push('disabled = 0');
  return filter;
}

const sortColumns = {
  nextRunAt: 'next_run_at',
  lastRunAt: 'last_run_at',
  lastFinishedAt: 'last_finished_at',
  priority: 'priority',
  name: 'name',
} as const;

/** ORDER BY for `queryJobs`: nulls last in either direction (as the PostgreSQL backend sorts), id breaks ties. */
export function orderByClause(sort: JobsQueryOptions['sort']): string {
  const entries = Object.entries(sort ?? { nextRunAt: 'desc', lastRunAt: 'desc' });
  const parts = entries.flatMap(([key, direction]) => {
    const column = sortColumns[key as keyof typeof sortColumns];
    if (!column) return [];
    const sql = direction === 'asc' ? 'ASC' : 'DESC';
    return [`${column} IS NULL`, `${column} ${sql}`];
  });
  return `ORDER BY ${[...parts, 'id ASC'].join(', ')}`;
}
