import crypto from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors.js';

/** What a stored blob is: its size in bytes and when it was written. */
export interface BlobInfo {
  bytes: number;
  modifiedAt: Date;
}

/**
 * Blob storage, namespaced by organization: one organization's key can never name another's blob.
 * Keys are relative paths of safe segments (`results/res_abc.png`, `tasks/tsk_1/input-0`).
 * The local directory store below is the default; `S3BlobStore` (s3-blob-store.ts) keeps the same contract
 * in an S3-compatible bucket. `createBlobStore` picks one from the configuration.
 */
export interface BlobStore {
  /** Writes atomically: readers see the old blob or the whole new one, never a part. */
  put(organizationId: string, key: string, body: Buffer | Readable): Promise<BlobInfo>;
  get(organizationId: string, key: string): Promise<Buffer>;
  /** A stream of the blob; rejects with BlobNotFoundError before streaming when it does not exist. */
  stream(organizationId: string, key: string): Promise<Readable>;
  stat(organizationId: string, key: string): Promise<BlobInfo | null>;
  exists(organizationId: string, key: string): Promise<boolean>;
  /** Removes the blob; true when it existed. */
  delete(organizationId: string, key: string): Promise<boolean>;
  /** Resolves when the store can be written now; rejects with the reason (BlobStoreUnavailableError) otherwise. */
  check(): Promise<void>;
  /**
   * A time-limited URL at which a client downloads the blob from the storage itself (S3 presigned URLs);
   * absent on stores that can only stream. Rejects with BlobNotFoundError when the blob does not exist.
   */
  downloadUrl?(organizationId: string, key: string, options: DownloadUrlOptions): Promise<string>;
  /** Removes every blob of the organization (erasure); resolves once none is left. */
  deleteNamespace(organizationId: string): Promise<void>;
}

export interface DownloadUrlOptions {
  expiresAt: Date;
  /** Sent back by the storage as Content-Type and Content-Disposition. */
  contentType: string;
  contentDisposition: string;
  now?: Date;
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`blob ${key} not found`);
    this.name = 'BlobNotFoundError';
  }
}

export class InvalidBlobKeyError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`invalid blob key ${JSON.stringify(key)}: ${reason}`);
    this.name = 'InvalidBlobKeyError';
  }
}

/**
 * The storage cannot be reached or refuses the hub (network, credentials, a missing bucket): an AppError, so a
 * request that needs the storage is answered 503 problem+json, never 500. `reason` names no secret.
 */
export class BlobStoreUnavailableError extends AppError {
  constructor(
    readonly reason: string,
    options: { cause?: unknown } = {},
  ) {
    super('service_unavailable', `Blob storage is unavailable: ${reason}.`, {
      headers: { 'Retry-After': '5' },
      cause: options.cause,
    });
    this.name = 'BlobStoreUnavailableError';
  }
}

/** The configured bucket does not exist: a configuration error, reported at start-up. */
export class BlobBucketMissingError extends BlobStoreUnavailableError {
  constructor(
    readonly bucket: string,
    options: { cause?: unknown } = {},
  ) {
    super(`bucket "${bucket}" does not exist (create it, or fix S3_BUCKET)`, options);
    this.name = 'BlobBucketMissingError';
  }
}

/** One path segment: letters, digits, `_`, `-`, `.`; not starting with a dot (no `..`, no hidden files). */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/;
const MAX_SEGMENTS = 8;
const TEMP_DIR = '.tmp';
/** Temp files older than this are leftovers of a crashed writer (see `sweepTemp`). */
const STALE_TEMP_MS = 3600_000;

/** Validates a key and returns its segments; anything that could leave the namespace is refused. */
export function blobKeySegments(key: string): string[] {
  const segments = key.split('/');
  if (segments.length > MAX_SEGMENTS) throw new InvalidBlobKeyError(key, `at most ${MAX_SEGMENTS} segments`);
  for (const segment of segments) {
    if (!SEGMENT.test(segment))
      throw new InvalidBlobKeyError(key, `segment ${JSON.stringify(segment)} is not allowed`);
  }
  return segments;
}

/** The segments of an organization's blob (`<organizationId>/<key…>`); throws InvalidBlobKeyError otherwise. */
export function namespacedSegments(organizationId: string, key: string): string[] {
  if (!SEGMENT.test(organizationId))
    throw new InvalidBlobKeyError(organizationId, 'not a valid organization id');
  return [organizationId, ...blobKeySegments(key)];
}

/** Blobs as files under one directory: `<root>/<organizationId>/<key>`, written via `<root>/.tmp` + rename. */
export class LocalBlobStore implements BlobStore {
  private readonly root: string;
  private ready: Promise<void> | undefined;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The file behind a key; throws InvalidBlobKeyError for anything outside the organization's directory. */
  pathOf(organizationId: string, key: string): string {
    const file = path.join(this.root, ...namespacedSegments(organizationId, key));
    // Belt and braces: the segments cannot contain separators or dots-only names, so this always holds.
    if (!file.startsWith(path.join(this.root, organizationId) + path.sep))
      throw new InvalidBlobKeyError(key, 'escapes its namespace');
    return file;
  }

  async put(organizationId: string, key: string, body: Buffer | Readable): Promise<BlobInfo> {
    const target = this.pathOf(organizationId, key);
    await this.prepare();
    const temp = path.join(this.root, TEMP_DIR, `${crypto.randomBytes(12).toString('hex')}.part`);
    try {
      if (Buffer.isBuffer(body)) await fs.writeFile(temp, body, { flag: 'wx' });
      else await pipeline(body, createWriteStream(temp, { flags: 'wx' }));
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.rename(temp, target);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    return (await this.stat(organizationId, key))!;
  }

  async get(organizationId: string, key: string): Promise<Buffer> {
    try {
      return await fs.readFile(this.pathOf(organizationId, key));
    } catch (error) {
      throw notFoundOr(error, key);
    }
  }

  async stream(organizationId: string, key: string): Promise<Readable> {
    const file = this.pathOf(organizationId, key);
    // Open first, so a missing blob is an error here and not an 'error' event mid-response.
    const handle = await fs.open(file, 'r').catch((error: unknown) => {
      throw notFoundOr(error, key);
    });
    return handle.createReadStream();
  }

  async stat(organizationId: string, key: string): Promise<BlobInfo | null> {
    try {
      const stats = await fs.stat(this.pathOf(organizationId, key));
      return stats.isFile() ? { bytes: stats.size, modifiedAt: stats.mtime } : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async exists(organizationId: string, key: string): Promise<boolean> {
    return (await this.stat(organizationId, key)) !== null;
  }

  async delete(organizationId: string, key: string): Promise<boolean> {
    try {
      await fs.unlink(this.pathOf(organizationId, key));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async check(): Promise<void> {
    try {
      await this.prepare();
      const probe = path.join(
        this.root,
        TEMP_DIR,
        `ready-${process.pid}-${crypto.randomBytes(4).toString('hex')}`,
      );
      await fs.writeFile(probe, 'ok');
      await fs.rm(probe);
    } catch (error) {
      this.ready = undefined;
      const code = (error as NodeJS.ErrnoException)?.code ?? 'error';
      throw new BlobStoreUnavailableError(`blob directory not writable (${code})`, { cause: error });
    }
  }

  /** Organization ids with blobs here (directory names), for `blobs:migrate`. */
  async organizations(): Promise<string[]> {
    const entries = await fs
      .readdir(this.root, { withFileTypes: true })
      .catch((error: unknown) => (isMissing(error) ? [] : Promise.reject(error)));
    return entries
      .filter((entry) => entry.isDirectory() && SEGMENT.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  }

  /** Every key of an organization's blobs (files under its directory), sorted. */
  async keys(organizationId: string): Promise<string[]> {
    const base = path.join(this.root, namespacedSegments(organizationId, 'x')[0]!);
    const found: string[] = [];
    const walk = async (dir: string, prefix: string[]): Promise<void> => {
      const entries = await fs
        .readdir(dir, { withFileTypes: true })
        .catch((error: unknown) => (isMissing(error) ? [] : Promise.reject(error)));
      for (const entry of entries) {
        if (entry.isDirectory()) await walk(path.join(dir, entry.name), [...prefix, entry.name]);
        else if (entry.isFile()) found.push([...prefix, entry.name].join('/'));
      }
    };
    await walk(base, []);
    return found.sort();
  }

  async deleteNamespace(organizationId: string): Promise<void> {
    if (!SEGMENT.test(organizationId)) throw new InvalidBlobKeyError(organizationId, 'not a valid organization id');
    await fs.rm(path.join(this.root, organizationId), { recursive: true, force: true, maxRetries: 3 });
  }

  /** Removes temp files a crashed process left behind (older than an hour, so live writes are safe). */
  async sweepTemp(now = Date.now(), olderThanMs = STALE_TEMP_MS): Promise<number> {
    const dir = path.join(this.root, TEMP_DIR);
    const names = await fs
      .readdir(dir)
      .catch((error: unknown) => (isMissing(error) ? [] : Promise.reject(error)));
    let removed = 0;
    for (const name of names) {
      const file = path.join(dir, name);
      const stats = await fs.stat(file).catch(() => null);
      if (stats && now - stats.mtimeMs > olderThanMs) {
        await fs.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  private prepare(): Promise<void> {
    this.ready ??= fs.mkdir(path.join(this.root, TEMP_DIR), { recursive: true }).then(() => undefined);
    return this.ready;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

function notFoundOr(error: unknown, key: string): unknown {
  return isMissing(error) ? new BlobNotFoundError(key) : error;
}
