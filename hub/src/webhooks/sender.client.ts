import http from 'node:http';
import https from 'node:https';
import type { SsrfGuard } from '../lib/ssrf-guard.js';

/** What one POST to a receiver came to. */
export interface SendOutcome {
  /** The receiver's status; null when it never answered (refused, blocked, timed out). */
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  /** The first 1 KB of the answer (text). */
  excerpt: string | null;
  /** From `Retry-After` (seconds or an HTTP date), when the receiver sent one. */
  retryAfterMs: number | null;
}

const EXCERPT_BYTES = 1024;
const MAX_RETRY_AFTER_MS = 24 * 3600_000;
const USER_AGENT = 'Pixport-Webhooks/1.0';

/**
 * POSTs `body` to `url` once: through the SSRF guard's agents (checked at connect time), no
 * redirects (a 3xx is just a failed status), the whole exchange bounded by `timeoutMs`, and only the
 * first 1 KB of the answer read. Never throws: the outcome says what happened.
 */
export function sendWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { guard: SsrfGuard; timeoutMs: number },
): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<SendOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, durationMs: elapsed() });
    };
    const failed = (error: string) => finish({ statusCode: null, error, excerpt: null, retryAfterMs: null });

    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return failed('invalid URL');
    }
    const secure = target.protocol === 'https:';
    const request = (secure ? https : http).request(target, {
      method: 'POST',
      agent: secure ? options.guard.httpsAgent : options.guard.httpAgent,
      headers: {
        ...headers,
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(body)),
        'User-Agent': USER_AGENT,
      },
    });
    const timer = setTimeout(() => {
      request.destroy();
      failed(`timed out after ${options.timeoutMs} ms`);
    }, options.timeoutMs);

    request.on('error', (error: NodeJS.ErrnoException) => failed(describe(error)));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      const done = () => {
        const status = response.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        finish({
          statusCode: status,
          error: ok ? null : status >= 300 && status < 400 ? `redirect (${status}) not followed` : `HTTP ${status}`,
          excerpt: chunks.length > 0 ? Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8') : null,
          retryAfterMs: parseRetryAfter(response.headers['retry-after']),
        });
        response.destroy();
      };
      response.on('data', (chunk: Buffer) => {
        if (kept < EXCERPT_BYTES) chunks.push(chunk);
        kept += chunk.length;
        if (kept >= EXCERPT_BYTES) done();
      });
      response.on('end', done);
      response.on('error', done);
    });
    request.end(body);
  });
}

function describe(error: NodeJS.ErrnoException): string {
  if (error.code === 'ERR_SSRF_BLOCKED') return `blocked: ${error.message}`;
  return `${error.code ?? 'error'}: ${error.message}`.slice(0, 500);
}

/** `Retry-After: 120` or `Retry-After: <HTTP date>` in ms from now, within [0, 24 h]; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}
