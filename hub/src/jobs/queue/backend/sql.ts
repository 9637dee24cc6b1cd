import type { DataSource } from 'typeorm';

export type SqlValue = string | number | null;
export type RawRow = Record<string, unknown>;

export interface SqlResult {
  rows: RawRow[];
  affected: number;
}

export type Dialect = 'sqlite' | 'mysql';

export const dialectOf = (dataSource: DataSource): Dialect =>
  dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';

/** One statement on a pooled connection; rows for reads (and SQLite `RETURNING`), a count for writes. */
export async function execute(dataSource: DataSource, sql: string, params: SqlValue[] = []): Promise<SqlResult> {
  const runner = dataSource.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    const rows = Array.isArray(result.records) ? (result.records as RawRow[]) : [];
    return { rows, affected: result.affected ?? rows.length };
  } finally {
    await runner.release();
  }
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * Dates travel as UTC `YYYY-MM-DD HH:MM:SS.mmm` text: what TypeORM writes into SQLite (so text order
 * is time order there) and a literal DATETIME(3) accepts on MySQL/MariaDB.
 */
export function toSqlTime(date: Date | null | undefined): string | null {
  if (!date) return null;
  const d = date instanceof Date ? date : new Date(date);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
  );
}

/** mysql2 returns Date objects (the data source runs in UTC); SQLite returns the text written above. */
export function fromSqlTime(value: unknown): Date | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value;
  return new Date(`${String(value).replace(' ', 'T')}Z`);
}

/** Text of a JSON path inside the `data` column, for comparing against string values. */
export function dataTextAt(dialect: Dialect, path: string[]): { sql: string; param: string } {
  const jsonPath = `$${path.map((key) => `.${key}`).join('')}`;
  const sql = dialect === 'sqlite' ? 'json_extract(data, ?)' : 'JSON_UNQUOTE(JSON_EXTRACT(data, ?))';
  return { sql, param: jsonPath };
}

/** `?, ?, ?` for an IN list. */
export const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');
