/** ISO-8601 from what drivers return for a datetime: a Date (mysql2) or 'YYYY-MM-DD HH:MM:SS.SSS' UTC (SQLite). */
export function toIso(value: string | number | Date): string {
  if (value instanceof Date) return value.toISOString();
  const text = String(value);
  return new Date(text.includes('T') ? text : `${text.replace(' ', 'T')}Z`).toISOString();
}

/** The same day and time `months` later (UTC); the 31st becomes the last day of a shorter month. */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()),
  );
}
