import fs from 'node:fs/promises';
import path from 'node:path';
import { koaBody } from 'koa-body';
import type { AppMiddleware } from '../context.js';

export interface BodyLimits {
  jsonBytes: number;
  uploadBytes: number;
  /** Parent of the per-request upload directories. */
  uploadDir: string;
}

/**
 * JSON, urlencoded and multipart bodies. A multipart request gets its own upload directory, removed
 * when the response is done whatever happened (even a half-received file), so no temp file
 * outlives its request.
 */
export function bodyParser(limits: BodyLimits): AppMiddleware {
  const options = (uploadDir: string) =>
    koaBody({
      multipart: true,
      jsonLimit: limits.jsonBytes,
      formLimit: limits.jsonBytes,
      textLimit: limits.jsonBytes,
      jsonStrict: true,
      formidable: {
        uploadDir,
        maxFileSize: limits.uploadBytes,
        maxTotalFileSize: limits.uploadBytes * 4,
        maxFieldsSize: limits.jsonBytes,
        keepExtensions: false,
        // Empty files reach the route, which answers 400 invalid_image naming the field.
        allowEmptyFiles: true,
        minFileSize: 0,
      },
    });
  const plain = options(limits.uploadDir);
  let ready: Promise<unknown> | undefined;

  return async (ctx, next) => {
    if (!ctx.is('multipart')) return plain(ctx, next);
    ready ??= fs.mkdir(limits.uploadDir, { recursive: true });
    await ready;
    const dir = await fs.mkdtemp(path.join(limits.uploadDir, 'upload-'));
    try {
      await options(dir)(ctx, next);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  };
}
