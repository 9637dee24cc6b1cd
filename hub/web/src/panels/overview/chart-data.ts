import type { UsageSnapshot } from '@pixport/shared';

export interface ChartDay {
  date: string;
  /** Short axis label, e.g. "Nov 21". */
  label: string;
  succeeded: number;
  errors: number;
}

/** The snapshot's days as stacked bars: successful requests and errors add up to the day's requests. */
export function chartDays(snapshot: Pick<UsageSnapshot, 'by_day'>): ChartDay[] {
  const format = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return snapshot.by_day.map((day) => ({
    date: day.date,
    label: format.format(new Date(`${day.date}T00:00:00Z`)),
    succeeded: Math.max(0, day.requests - day.errors),
    errors: day.errors,
  }));
}

/** One sentence a screen reader can use in place of the chart. */
export function chartSummary(days: ChartDay[]): string {
  if (days.length === 0) return 'No days in range.';
  const total = days.reduce((sum, day) => sum + day.succeeded + day.errors, 0);
  const errors = days.reduce((sum, day) => sum + day.errors, 0);
  const busiest = days.reduce((best, day) =>
    day.succeeded + day.errors > best.succeeded + best.errors ? day : best,
  );
  const busiestCount = busiest.succeeded + busiest.errors;
  return (
    `${total} requests and ${errors} errors from ${days[0]!.date} to ${days[days.length - 1]!.date}` +
    (busiestCount > 0 ? `; busiest day ${busiest.date} with ${busiestCount}.` : '.')
  );
}

/** `from`/`to` (UTC days, inclusive) covering the last `days` days up to today. */
export function lastDays(days: number, now = new Date()): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}
