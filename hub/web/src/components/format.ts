/** Formatting shared by the panels. Pure functions, tested on their own. */

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Number.isNaN(seconds)) return iso;
  if (Math.abs(seconds) < 5) return 'just now';
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}

export function formatAbsolute(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? 'n/a' : new Intl.NumberFormat('en').format(value);
}

export function formatPercent(share: number | null | undefined): string {
  return share === null || share === undefined
    ? 'n/a'
    : `${(share * 100).toFixed(share >= 0.9995 || share === 0 ? 0 : 1)} %`;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return 'n/a';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return 'n/a';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The client platform as people call it, from a usage row or a user agent. */
export function platformLabel(platform: string | null | undefined): string {
  const labels: Record<string, string> = {
    wordpress: 'WordPress',
    shopify: 'Shopify',
    dashboard: 'Dashboard',
    direct: 'API client',
  };
  return platform ? (labels[platform] ?? platform) : 'unknown';
}
