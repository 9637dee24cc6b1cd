import { Writable } from 'node:stream';
import type { File } from 'formidable';
import { koaBody } from 'koa-body';
import type { AppMiddleware } from '../context.js';

export interface BodyLimits {
  jsonBytes: number;
  /** Largest uploaded file; a request's files together may be four times this. */
  uploadBytes: number;
}

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
 * JSON, urlencoded and multipart bodies. Uploaded files are kept in memory, never written to disk:
 * the routes that take files read them whole anyway, and no temp file can outlive its request.
 */
export function bodyParser(limits: BodyLimits): AppMiddleware {
  return koaBody({
    multipart: true,
    jsonLimit: limits.jsonBytes,
    formLimit: limits.jsonBytes,
    textLimit: limits.jsonBytes,
    jsonStrict: true,
    formidable: {
      maxFileSize: limits.uploadBytes,
      maxTotalFileSize: limits.uploadBytes * 4,
      maxFieldsSize: limits.jsonBytes,
      // Empty files reach the route, which answers 400 invalid_image naming the field.
      allowEmptyFiles: true,
      minFileSize: 0,
      fileWriteStreamHandler: (file) => collect(file!),
    },
  });
}
