import { resultPath } from '@pixport/shared';
import type { AppContext } from '../context.js';
import type { ResultDownload } from '../services/result.service.js';

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/avif', 'image/gif'];
/** Metadata headers larger than this are left out (clients cap response header sizes). */
const MAX_METADATA_HEADER = 8 * 1024;

/** True when the client prefers the image bytes (`Accept: image/*`) over the JSON answer. */
export function wantsImageBytes(ctx: AppContext): boolean {
  return (
    ctx.accepts('application/json', ...IMAGE_TYPES) !== 'application/json' &&
    ctx.accepts(...IMAGE_TYPES) !== false
  );
}

/** Aborted when the client goes away before the response is written, so long work can stop. */
export function clientGone(ctx: AppContext): AbortSignal {
  const controller = new AbortController();
  ctx.res.once('close', () => {
    if (!ctx.res.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** Absolute URL of a hub path: PUBLIC_URL when configured, else the request's own origin. */
export function absoluteUrl(ctx: AppContext, publicUrl: string | undefined, path: string): string {
  return `${publicUrl ?? `${ctx.protocol}://${ctx.host}`}${path}`;
}

/** Absolute download URL of a result. */
export function resultUrl(ctx: AppContext, publicUrl: string | undefined, id: string): string {
  return absoluteUrl(ctx, publicUrl, resultPath(id));
}

/**
 * Answers a kept result: its bytes with their type, download name, cache lifetime up to expiry and facts
 * headers, or (presigned downloads) a 302 to the storage URL, cached no longer than the URL lives.
 */
export function sendResult(ctx: AppContext, download: ResultDownload, now = new Date()): void {
  const { result } = download;
  if (download.redirect) {
    sendRedirect(ctx, download.redirect, now, 'private');
    ctx.set('X-Pixport-Operation', result.operation);
    ctx.set('X-Pixport-Expires-At', result.expiresAt.toISOString());
    return;
  }
  ctx.type = result.contentType;
  ctx.length = result.bytes;
  ctx.set('Content-Disposition', attachment(result.filename));
  ctx.set(
    'Cache-Control',
    `private, max-age=${Math.max(0, Math.floor((result.expiresAt.getTime() - now.getTime()) / 1000))}`,
  );
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('X-Pixport-Operation', result.operation);
  ctx.set('X-Pixport-Expires-At', result.expiresAt.toISOString());
  ctx.body = download.stream;
}

/** 302 to a presigned storage URL; caches may keep the redirect until shortly before the URL expires. */
export function sendRedirect(ctx: AppContext, redirect: { url: string; expiresAt: Date }, now: Date, scope: 'private' | 'public'): void {
  const seconds = Math.max(0, Math.floor((redirect.expiresAt.getTime() - now.getTime()) / 1000) - 60);
  ctx.redirect(redirect.url);
  ctx.set('Cache-Control', seconds > 0 ? `${scope}, max-age=${seconds}` : 'no-store');
  ctx.set('Referrer-Policy', 'no-referrer');
}

/** `attachment; filename="…"` for an already sanitised ASCII name. */
export function attachment(filename: string): string {
  return `attachment; filename="${filename.replace(/["\\\r\n]/g, '_')}"`;
}

/** Facts as `X-Pixport-*` headers (the bytes answer has no JSON body to carry them). */
export function setPixportHeaders(
  ctx: AppContext,
  facts: {
    operation: string;
    width: number | null;
    height: number | null;
    creditsCharged: number;
    durationMs: number;
    metadata: Record<string, unknown>;
  },
): void {
  ctx.set('X-Pixport-Operation', facts.operation);
  if (facts.width !== null) ctx.set('X-Pixport-Width', String(facts.width));
  if (facts.height !== null) ctx.set('X-Pixport-Height', String(facts.height));
  ctx.set('X-Pixport-Credits-Charged', String(facts.creditsCharged));
  ctx.set('X-Pixport-Duration-Ms', String(facts.durationMs));
  // JSON with every non-ASCII character escaped, so the header stays a valid byte string.
  const json = JSON.stringify(facts.metadata).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  if (json.length <= MAX_METADATA_HEADER) ctx.set('X-Pixport-Metadata', json);
}
