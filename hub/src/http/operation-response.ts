import { resultPath } from '@pixport/shared';
import type { AppContext } from '../context.js';

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/avif', 'image/gif'];
/** Metadata headers larger than this are left out (clients cap response header sizes). */
const MAX_METADATA_HEADER = 8 * 1024;

/** True when the client prefers the image bytes (`Accept: image/*`) over the JSON answer. */
export function wantsImageBytes(ctx: AppContext): boolean {
  return ctx.accepts('application/json', ...IMAGE_TYPES) !== 'application/json' && ctx.accepts(...IMAGE_TYPES) !== false;
}

/** Aborted when the client goes away before the response is written, so long work can stop. */
export function clientGone(ctx: AppContext): AbortSignal {
  const controller = new AbortController();
  ctx.res.once('close', () => {
    if (!ctx.res.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** Absolute download URL of a result: PUBLIC_URL when configured, else the request's own origin. */
export function resultUrl(ctx: AppContext, publicUrl: string | undefined, id: string): string {
  return `${publicUrl ?? `${ctx.protocol}://${ctx.host}`}${resultPath(id)}`;
}

/** `attachment; filename="…"` for an already sanitised ASCII name. */
export function attachment(filename: string): string {
  return `attachment; filename="${filename.replace(/["\\\r\n]/g, '_')}"`;
}

/** Facts as `X-Pixport-*` headers (the bytes answer has no JSON body to carry them). */
export function setPixportHeaders(
  ctx: AppContext,
  facts: { operation: string; width: number | null; height: number | null; creditsCharged: number; durationMs: number; metadata: Record<string, unknown> },
): void {
  ctx.set('X-Pixport-Operation', facts.operation);
  if (facts.width !== null) ctx.set('X-Pixport-Width', String(facts.width));
  if (facts.height !== null) ctx.set('X-Pixport-Height', String(facts.height));
  ctx.set('X-Pixport-Credits-Charged', String(facts.creditsCharged));
  ctx.set('X-Pixport-Duration-Ms', String(facts.durationMs));
  // JSON with every non-ASCII character escaped, so the header stays a valid byte string.
  const json = JSON.stringify(facts.metadata).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (json.length <= MAX_METADATA_HEADER) ctx.set('X-Pixport-Metadata', json);
}
