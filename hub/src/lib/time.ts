/** ISO-8601 from what drivers return for a datetime: a Date (mysql2) or 'YYYY-MM-DD HH:MM:SS.SSS' UTC (SQLite). */
export function toIso(value: string | number | Date): string {
  if (value instanceof Date) return value.toISOString();
  const text = String(value);
  return new Date(text.includes('T') ? text : `${text.replace(' ', 'T')}Z`).toISOString();
}
