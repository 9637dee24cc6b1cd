import { Writable } from 'node:stream';
import type { File } from 'formidable';
import { koaBody } from 'koa-body';
import type { AppMiddleware } from '../context.js';
import { AppError } from '../errors.js';

export interface BodyLimits {
  jsonBytes: number;
  /** Largest uploaded file; a request's files together may be four times this. */
  uploadBytes: number;
}

/** Deepest nesting and most values a parsed body may have: checked before anything walks it recursively. */
export const MAX_BODY_DEPTH = 32;
export const MAX_BODY_VALUES = 100_000;

/** Requests whose multipart body was read (it can be read only once). */
const parsed = new WeakSet<object>();

// Keyed by formidable's file object, which is the one koa-body puts in `ctx.request.files`.
const contents = new WeakMap<object, Buffer>();

/** The bytes of a file the body parser received. */
export function uploadedBytes(file: File): Buffer {
  const data = contents.get(file);
  if (!data) throw new Error(`upload ${file.originalFilename ?? file.newFilename} has no contents`);
  return data;
}

/** Collects an uploaded file in memory (formidable stops at the size limits before this grows past them). */
function collect(file: object): Writable {
  const chunks: Buffer[] = [];
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
    final(done) {
      contents.set(file, Buffer.concat(chunks));
      done();
    },
  });
}

/**
 * JSON, urlencoded and text bodies (at most `jsonBytes`), for every route: sign-in and the other
 * unauthenticated routes take JSON. Multipart is not read here: an upload is parsed only by a route
 * that takes files, once its caller is authenticated (`uploadParser`), so an anonymous request cannot
 * make the hub buffer megabytes (its unread body is discarded as it arrives).
 */
export function bodyParser(limits: BodyLimits): AppMiddleware {
  const parse = koaBody({
    multipart: false,
    jsonLimit: limits.jsonBytes,
    formLimit: limits.jsonBytes,
    textLimit: limits.jsonBytes,
    jsonStrict: true,
  });
  return (ctx, next) =>
    parse(ctx, () => {
      assertShallow(ctx.request.body);
      return next();
    });
}

/**
 * Multipart bodies with their files, kept in memory (never on disk: the routes read them whole, and
 * no temp file can outlive its request). `files: false` reads the fields only (the plugin routes,
 * whose API key may be a form field, so they parse before authenticating: fields are small).
 */
export function multipartParser(limits: BodyLimits, options: { files: boolean }): AppMiddleware {
  const parse = koaBody({
    json: false,
    urlencoded: false,
    text: false,
    multipart: true,
    formidable: {
      maxFileSize: limits.uploadBytes,
      maxTotalFileSize: limits.uploadBytes * 4,
      maxFields: 1000,
      maxFieldsSize: limits.jsonBytes,
      ...(options.files ? {} : { maxFiles: 0 }),
      // Empty files reach the route, which answers 400 invalid_image naming the field.
      allowEmptyFiles: true,
      minFileSize: 0,
      fileWriteStreamHandler: (file) => collect(file!),
    },
  });
  return (ctx, next) => {
    // Parsed once: a plugin route reads fields before its authenticator, which may come back here.
    if (!ctx.is('multipart') || parsed.has(ctx.req)) return next();
    parsed.add(ctx.req);
    return parse(ctx, () => {
      assertShallow(ctx.request.body);
      return next();
    });
  };
}

/**
 * Refuses (400) a body nested deeper than MAX_BODY_DEPTH or holding more than MAX_BODY_VALUES
 * values, walking it without recursion: the recursive code after it (fingerprints, validation,
 * logging) would overflow the stack on `[[[[…]]]]` and answer 500.
 */
export function assertShallow(body: unknown): void {
  if (body === null || typeof body !== 'object') return;
  const stack: Array<[unknown, number]> = [[body, 1]];
  let values = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (depth > MAX_BODY_DEPTH) throw new AppError('invalid_body', `The request body is nested deeper than ${MAX_BODY_DEPTH} levels.`);
    for (const child of Object.values(value as object)) {
      if (++values > MAX_BODY_VALUES) throw new AppError('invalid_body', `The request body holds more than ${MAX_BODY_VALUES} values.`);
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
}
