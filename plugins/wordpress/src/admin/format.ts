/** Pure formatting of what the settings and media screens show; unit-tested. */

export interface ValidationResult {
  valid: boolean;
  organization?: string;
  plan?: string;
  credits?: number;
  rate_limit?: number;
  mode?: string;
  masked?: string;
  scopes?: string[];
  code?: string;
  revoked?: boolean;
  /** The hub could not be asked (unreachable, 5xx, 429): nothing is known about the key. */
  transient?: boolean;
  message?: string;
  checked_at?: number;
}

export interface Described {
  tone: 'success' | 'error' | 'warning';
  lines: string[];
}

export function describeValidation(result: ValidationResult, now = Date.now()): Described {
  const age = result.checked_at ? Math.max(0, Math.round(now / 1000 - result.checked_at)) : undefined;
  const checked = age === undefined ? [] : [age < 5 ? 'Checked just now.' : `Checked ${age} s ago.`];
  if (!result.valid) {
    const title = result.revoked
      ? 'Key revoked.'
      : result.code === 'rate_limited'
        ? 'Rate limited.'
        : result.code === 'timeout' || result.code === 'unreachable'
          ? 'Hub not reachable.'
          : 'Key refused.';
    return { tone: 'error', lines: [title, result.message ?? 'The hub refused the key.', ...checked] };
  }
  const credits = result.credits ?? 0;
  return {
    tone: credits > 0 ? 'success' : 'warning',
    lines: [
      `Key valid (${result.mode === 'test' ? 'test mode' : 'live mode'}): ${result.masked ?? ''}`.trim(),
      `Organization: ${result.organization ?? '?'} · plan: ${result.plan ?? '?'}`,
      `Credits left: ${credits}${credits > 0 ? '' : ' — processing will pause until credits are added'}`,
      `Rate limit: ${result.rate_limit ?? '?'} requests/minute`,
      ...(result.scopes && result.scopes.length ? [`Scopes: ${result.scopes.join(', ')}`] : []),
      ...checked,
    ],
  };
}

export interface UsageSnapshot {
  range?: { from: string; to: string } | null;
  total_requests: number;
  errors: number;
  units_reported: number;
  heavy_calls: number;
  average_duration_ms: number | null;
  last_request_at: string | null;
  by_operation: { operation: string; requests: number; errors: number; units: number }[];
}

export function describeUsage(usage: UsageSnapshot): { summary: string; rows: string[][] } {
  const range = usage.range ? `${usage.range.from} – ${usage.range.to}` : 'last 30 days';
  const average =
    usage.average_duration_ms === null ? '' : `, average ${Math.round(usage.average_duration_ms)} ms`;
  return {
    summary: `${usage.total_requests} requests (${usage.errors} errors${average}), ${usage.units_reported} images reported by plugins, ${range}.`,
    rows: [...usage.by_operation]
      .sort((a, b) => b.requests - a.requests)
      .map((row) => [row.operation, String(row.requests), String(row.errors), String(row.units)]),
  };
}

export interface BatchItemView {
  attachment_id: number;
  title: string;
  state: 'pending' | 'submitted' | 'processing' | 'done' | 'failed';
  progress: number;
  error: string;
  result_id: number;
  result_url: string;
  edit_url: string;
}

export interface BatchView {
  id: string;
  status: 'running' | 'paused' | 'done' | 'canceled';
  pause_reason: string;
  message: string;
  operation: string;
  context: { type: string; product_id?: number };
  retry_at: number;
  dismissed?: boolean;
  counts: { total: number; done: number; failed: number; running: number; pending: number };
  items: BatchItemView[];
}

/** Overall progress 0..1: finished items count fully, running ones by their reported progress. */
export function batchProgress(batch: BatchView): number {
  if (!batch.counts.total) return 1;
  const partial = batch.items.reduce(
    (sum, item) =>
      sum + (item.state === 'done' || item.state === 'failed' ? 1 : Math.min(1, Math.max(0, item.progress))),
    0,
  );
  return Math.min(1, partial / batch.counts.total);
}

export function batchHeadline(batch: BatchView): string {
  const { done, failed, total } = batch.counts;
  const finished = `${done + failed} of ${total}`;
  switch (batch.status) {
    case 'paused':
      return batch.pause_reason === 'out_of_credits'
        ? `Paused at ${finished}: out of credits.`
        : `Paused at ${finished}: the API key needs attention.`;
    case 'done':
      return failed ? `Finished: ${done} processed, ${failed} failed.` : `Finished: ${done} processed.`;
    case 'canceled':
      return `Canceled after ${finished}.`;
    default:
      return `Processing ${finished}…`;
  }
}

/** The media library's Pixport column for an item of a batch (the same words as the PHP column). */
export function columnLabel(
  item: { state: string },
  batch: Pick<BatchView, 'status' | 'pause_reason'>,
): string {
  switch (item.state) {
    case 'done':
      return 'Processed';
    case 'failed':
      return 'Failed';
    case 'processing':
      return 'Processing';
    case 'pending':
      return batch.status === 'paused' && batch.pause_reason === 'out_of_credits'
        ? 'Paused (out of credits)'
        : 'Queued';
    default:
      return 'Queued';
  }
}

export function isActive(batch: BatchView): boolean {
  return batch.status === 'running' || batch.status === 'paused';
}

/** Milliseconds until the next poll: honour a hub back-off, otherwise poll every 2 s. */
export function nextPollDelay(batch: BatchView, nowMs = Date.now()): number {
  const wait = batch.retry_at * 1000 - nowMs;
  return Math.max(2000, Math.min(60_000, wait > 0 ? wait : 2000));
}
