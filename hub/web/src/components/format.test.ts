import { describe, expect, it } from '@jest/globals';
import {
  formatAbsolute,
  formatBytes,
  formatDuration,
  formatPercent,
  formatRelative,
  platformLabel,
} from './format.js';

describe('formatting', () => {
  const now = Date.parse('2026-11-21T12:00:00.000Z');

  it('says how long ago, in the largest whole unit', () => {
    expect(formatRelative('2026-11-21T11:59:58.000Z', now)).toBe('just now');
    expect(formatRelative('2026-11-21T11:59:30.000Z', now)).toBe('30 seconds ago');
    expect(formatRelative('2026-11-21T09:00:00.000Z', now)).toBe('3 hours ago');
    expect(formatRelative('2026-11-20T12:00:00.000Z', now)).toBe('yesterday');
    expect(formatRelative('2026-11-28T12:00:00.000Z', now)).toBe('in 7 days');
    expect(formatRelative('not a date', now)).toBe('not a date');
  });

  it('writes exact times in UTC', () => {
    expect(formatAbsolute('2026-11-21T08:05:09.123Z')).toBe('2026-11-21 08:05:09 UTC');
  });

  it('rounds shares, durations and sizes for reading, and says n/a when there is nothing', () => {
    expect(formatPercent(null)).toBe('n/a');
    expect(formatPercent(1)).toBe('100 %');
    expect(formatPercent(0.857142)).toBe('85.7 %');
    expect(formatPercent(0)).toBe('0 %');
    expect(formatDuration(null)).toBe('n/a');
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1530)).toBe('1.53 s');
    expect(formatDuration(45_000)).toBe('45.0 s');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MiB');
  });

  it('names client platforms', () => {
    expect(platformLabel('wordpress')).toBe('WordPress');
    expect(platformLabel('direct')).toBe('API client');
    expect(platformLabel(null)).toBe('unknown');
  });
});
