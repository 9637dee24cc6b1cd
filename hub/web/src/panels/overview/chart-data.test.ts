import { describe, expect, it } from '@jest/globals';
import { chartDays, chartSummary, lastDays } from './chart-data.js';

describe('the usage chart’s data', () => {
  const snapshot = {
    by_day: [
      { date: '2026-11-19', requests: 0, errors: 0 },
      { date: '2026-11-20', requests: 12, errors: 3 },
      { date: '2026-11-21', requests: 4, errors: 0 },
    ],
  };

  it('stacks successful requests and errors so a bar is the day’s total', () => {
    const days = chartDays(snapshot);
    expect(days.map((day) => [day.label, day.succeeded, day.errors])).toEqual([
      ['Nov 19', 0, 0],
      ['Nov 20', 9, 3],
      ['Nov 21', 4, 0],
    ]);
  });

  it('sums the range up in one sentence for screen readers', () => {
    expect(chartSummary(chartDays(snapshot))).toBe(
      '16 requests and 3 errors from 2026-11-19 to 2026-11-21; busiest day 2026-11-20 with 12.',
    );
    expect(chartSummary(chartDays({ by_day: [{ date: '2026-11-21', requests: 0, errors: 0 }] }))).toBe(
      '0 requests and 0 errors from 2026-11-21 to 2026-11-21.',
    );
  });

  it('asks for whole UTC days ending today', () => {
    expect(lastDays(7, new Date('2026-11-21T23:30:00Z'))).toEqual({ from: '2026-11-15', to: '2026-11-21' });
    expect(lastDays(1, new Date('2026-11-21T00:00:00Z'))).toEqual({ from: '2026-11-21', to: '2026-11-21' });
  });
});
