import crypto from 'node:crypto';
import type { File } from 'formidable';
import type { AppContext, AppMiddleware } from '../context.js';
import { invalidParameter } from '../errors.js';
import type { IdempotencyService, StoredResponse } from '../services/idempotency.service.js';
import { uploadedBytes } from './body.js';
import { renderProblem, toAppError } from './error-handler.js';

const HEADER = 'Idempotency-Key';
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;
/** Responses not kept: refused before any work (validation, auth, credits, rate limit) and server errors. */
const NOT_KEPT = new Set([400, 401, 403, 402, 413, 415, 422, 429]);
/** Response headers replayed with the body. */
const KEPT_HEADERS = /^(content-type|content-disposition|location|cache-control|x-pixport-.*)$/i;

/**
 * `Idempotency-Key` on POST (key or session, scoped to the organization): the first response is kept
 * and replayed with `Idempotent-Replayed: true`; runs once the caller is authenticated, around the route.
 */
export function idempotency(store: IdempotencyService): AppMiddleware {
  return async (ctx, next) => {
    const key = ctx.method === 'POST' ? ctx.get(HEADER) : '';
    const principal = ctx.state.principal;
    if (!key || !principal) return next();
    if (!VALID_KEY.test(key)) {
      throw invalidParameter(HEADER, 'must be 1 to 255 printable ASCII characters');
    }
    const begun = await store.begin(principal.organizationId, key, fingerprintOf(ctx));
    if (begun.kind === 'replay') return replay(ctx, begun.response);

    let caught: unknown;
    try {
      await next();
    } catch (error) {
      caught = error;
    }
    const status = caught === undefined ? ctx.status : toAppError(caught).status;
    if (NOT_KEPT.has(status) || status >= 500) {
      await store.release(begun.id);
      if (caught !== undefined) throw caught;
      return;
    }
    if (caught !== undefined) renderProblem(ctx, caught);
    const body = bodyOf(ctx.body);
    if (!body) {
      await store.release(begun.id);
      return;
    }
    await store
      .complete(begun.id, principal.organizationId, { status: ctx.status, headers: keptHeaders(ctx), body })
      .catch(async (error: unknown) => {
        ctx.state.log.error({ err: error }, 'could not keep the idempotent response');
        await store.release(begun.id).catch(() => undefined);
      });
  };
}

function replay(ctx: AppContext, response: StoredResponse): void {
  ctx.status = response.status;
  ctx.set(response.headers);
  const { encoding, data } = response.body;
  ctx.body = encoding === 'json' ? JSON.parse(data.toString('utf8')) : encoding === 'text' ? data.toString('utf8') : data;
  if (response.headers['content-type']) ctx.type = response.headers['content-type'];
  ctx.set('Idempotent-Replayed', 'true');
}

/** The response body as bytes to keep, or undefined for one that cannot be replayed (a stream). */
function bodyOf(body: unknown): StoredResponse['body'] | undefined {
  if (body === undefined || body === null) return { encoding: 'text', data: Buffer.alloc(0) };
  if (Buffer.isBuffer(body)) return { encoding: 'binary', data: body };
  if (typeof body === 'string') return { encoding: 'text', data: Buffer.from(body) };
  if (typeof (body as { pipe?: unknown }).pipe === 'function') return undefined;
  return { encoding: 'json', data: Buffer.from(JSON.stringify(body)) };
}

function keptHeaders(ctx: AppContext): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(ctx.response.headers)) {
    if (KEPT_HEADERS.test(name) && value !== undefined) headers[name] = String(value);
  }
  return headers;
}

/** SHA-256 of method, path and body: parsed fields in a stable order, uploaded files by name and content. */
function fingerprintOf(ctx: AppContext): string {
  const hash = crypto.createHash('sha256').update(`${ctx.method}\n${ctx.path}\n${ctx.querystring}\n`);
  hash.update(stableJson(ctx.request.body ?? null));
  const files = (ctx.request.files ?? {}) as Record<string, File | File[]>;
  for (const field of Object.keys(files).sort()) {
    for (const file of ([] as File[]).concat(files[field]!)) {
      hash.update(`\n${field}:${file.originalFilename ?? ''}:`);
      hash.update(crypto.createHash('sha256').update(uploadedBytes(file)).digest());
    }
  }
  return hash.digest('hex');
}

/** JSON with object keys sorted, so the same fields in another order fingerprint alike. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
