import type { Readable } from 'node:stream';
import { type DataSource, In, IsNull, LessThan, LessThanOrEqual, type QueryDeepPartialEntity } from 'typeorm';
import { ResultRow } from '../db/entities/result.entity.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../lib/ids.js';
import type { Logger } from '../logger.js';
import { BlobNotFoundError, type BlobStore } from '../storage/blob-store.js';

/** Who a result belongs to: the organization, the key that asked (if any), the task that produced it (if any). */
export interface ResultOwner {
  organizationId: string;
  keyId: string | null;
  taskId?: string | null;
}

/** A file to keep as a result. */
export interface ResultFile {
  operation: string;
  data: Buffer;
  contentType: string;
  width: number | null;
  height: number | null;
  metadata: Record<string, unknown>;
  /** Download name without extension (from the input's name); sanitised here. */
  stem?: string | null;
}

/** A result as services hand it out (no entity leaves this file). */
export interface ResultRecord {
  id: string;
  organizationId: string;
  taskId: string | null;
  operation: string;
  filename: string;
  contentType: string;
  width: number | null;
  height: number | null;
  bytes: number;
  metadata: Record<string, unknown>;
  createdAt: Date;
  expiresAt: Date;
}

/** A result to download: its bytes as a stream, or a time-limited storage URL to send the client to. */
export type ResultDownload =
  | { result: ResultRecord; stream: Readable; redirect?: undefined }
  | { result: ResultRecord; stream?: undefined; redirect: { url: string; expiresAt: Date } };

/** How downloads are answered: streamed by the hub, or presigned storage URLs living at most `ttlMs`. */
export interface DownloadOptions {
  mode: 'stream' | 'presigned';
  ttlMs: number;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/gif': 'gif',
  'application/json': 'json',
};
const PURGE_BATCH = 200;
/** Rows of purged results (and tasks) are kept this long after expiry, so their ids answer 410 rather than 404. */
export const ROW_KEEP_MS = 30 * 86_400_000;
/** Metadata is stored in a TEXT column (64 KB on MySQL); bigger metadata is replaced by a note. */
const MAX_METADATA_CHARS = 60_000;

/**
 * Results: produced files kept for a retention period and downloaded by id, tenant-isolated. Sync
 * endpoints store their outputs here; async tasks can store theirs the same way (`owner.taskId`).
 */
export class ResultService {
  constructor(
    private readonly db: DataSource,
    private readonly blobs: BlobStore,
    private readonly retentionMs: number,
    private readonly logger: Logger,
    private readonly downloads: DownloadOptions = { mode: 'stream', ttlMs: 0 },
  ) {}

  /** Writes the blob, then the row; a failed row write removes the blob again. Kept `retentionMs` (default: the sync results' retention). */
  async create(
    owner: ResultOwner,
    file: ResultFile,
    now = new Date(),
    retentionMs = this.retentionMs,
  ): Promise<ResultRecord> {
    const id = newId('res');
    const blobKey = `results/${id}.${extensionOf(file.contentType)}`;
    await this.blobs.put(owner.organizationId, blobKey, file.data);
    const row: ResultRow = {
      id,
      organizationId: owner.organizationId,
      keyId: owner.keyId,
      taskId: owner.taskId ?? null,
      operation: file.operation,
      blobKey,
      filename: downloadName(file.stem, file.operation, file.contentType),
      contentType: file.contentType,
      width: file.width,
      height: file.height,
      bytes: file.data.length,
      metadata: boundedMetadata(file.metadata),
      createdAt: now,
      expiresAt: new Date(now.getTime() + retentionMs),
      purgedAt: null,
    };
    try {
      // simple-json columns take any object; TypeORM's deep-partial type cannot say so.
      await this.db.getRepository(ResultRow).insert(row as QueryDeepPartialEntity<ResultRow>);
    } catch (error) {
      await this.blobs.delete(owner.organizationId, blobKey).catch(() => undefined);
      throw error;
    }
    return toRecord(row);
  }

  /** The organization's result: 404 when it is not theirs (or unknown), 410 once expired. */
  async get(organizationId: string, id: string, now = new Date()): Promise<ResultRecord> {
    return toRecord(await this.live(organizationId, id, now));
  }

  /** The organization's results among `ids` (expired ones too), for listings; unknown ids are left out. */
  async findMany(organizationId: string, ids: readonly string[]): Promise<ResultRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.getRepository(ResultRow).findBy({ organizationId, id: In([...ids]) });
    return rows.map(toRecord);
  }

  /** Deletes a result, blob and row (a task run that lost its task to another worker discards its output). */
  async remove(organizationId: string, id: string): Promise<void> {
    const row = await this.db.getRepository(ResultRow).findOneBy({ id, organizationId });
    if (!row) return;
    await this.blobs.delete(organizationId, row.blobKey);
    await this.db.getRepository(ResultRow).delete({ id, organizationId });
  }

  /** The result and a stream of its bytes. */
  async open(
    organizationId: string,
    id: string,
    now = new Date(),
  ): Promise<{ result: ResultRecord; stream: Readable }> {
    const row = await this.live(organizationId, id, now);
    try {
      return { result: toRecord(row), stream: await this.blobs.stream(organizationId, row.blobKey) };
    } catch (error) {
      // Purged between the row read and the open: it has just expired.
      if (error instanceof BlobNotFoundError) throw expired(row);
      throw error;
    }
  }

  /**
   * The result as a client downloads it: with presigned downloads on a store that has them, a storage
   * URL that expires with the hub's signed links (the TTL, `until` if sooner, and never after the
   * result itself); otherwise the stream. A blob deleted behind the hub's back answers 410 either way.
   */
  async download(
    organizationId: string,
    id: string,
    now = new Date(),
    options: { until?: Date; inline?: boolean } = {},
  ): Promise<ResultDownload> {
    if (this.downloads.mode !== 'presigned' || !this.blobs.downloadUrl) return this.open(organizationId, id, now);
    const row = await this.live(organizationId, id, now);
    const result = toRecord(row);
    const expiresAt = new Date(
      Math.min(now.getTime() + this.downloads.ttlMs, options.until?.getTime() ?? Infinity, row.expiresAt.getTime()),
    );
    try {
      const url = await this.blobs.downloadUrl(organizationId, row.blobKey, {
        expiresAt,
        now,
        contentType: result.contentType,
        contentDisposition: `${options.inline ? 'inline' : 'attachment'}; filename="${result.filename.replace(/["\\\r\n]/g, '_')}"`,
      });
      return { result, redirect: { url, expiresAt } };
    } catch (error) {
      if (error instanceof BlobNotFoundError) throw expired(row);
      throw error;
    }
  }

  /**
   * Deletes the blobs of expired results (their rows stay, answering 410) and the rows that expired
   * more than 30 days ago. Safe to run from several processes at once. Returns what it removed.
   */
  async purgeExpired(now = new Date()): Promise<{ blobs: number; rows: number }> {
    const repository = this.db.getRepository(ResultRow);
    let blobs = 0;
    for (;;) {
      const batch = await repository.find({
        where: { expiresAt: LessThanOrEqual(now), purgedAt: IsNull() },
        select: { id: true, organizationId: true, blobKey: true },
        order: { expiresAt: 'ASC' },
        take: PURGE_BATCH,
      });
      if (batch.length === 0) break;
      for (const row of batch) {
        try {
          await this.blobs.delete(row.organizationId, row.blobKey);
        } catch (error) {
          this.logger.warn({ err: error, result: row.id }, 'could not delete an expired result blob');
        }
      }
      await repository.update({ id: In(batch.map((row) => row.id)) }, { purgedAt: now });
      blobs += batch.length;
      if (batch.length < PURGE_BATCH) break;
    }
    const removed = await repository.delete({ expiresAt: LessThan(new Date(now.getTime() - ROW_KEEP_MS)) });
    return { blobs, rows: removed.affected ?? 0 };
  }

  private async live(organizationId: string, id: string, now: Date): Promise<ResultRow> {
    const row = await this.db.getRepository(ResultRow).findOneBy({ id, organizationId });
    if (!row) throw notFound('Result');
    if (row.purgedAt || row.expiresAt.getTime() <= now.getTime()) throw expired(row);
    return row;
  }
}

const expired = (row: ResultRow) =>
  new AppError(
    'result_expired',
    `Result ${row.id} expired at ${row.expiresAt.toISOString()}; run the operation again.`,
    {
      extra: { expired_at: row.expiresAt.toISOString() },
    },
  );

const extensionOf = (contentType: string) => EXTENSIONS[contentType] ?? 'bin';

/** `<input name>-<operation>.<ext>`, safe for a Content-Disposition header. */
export function downloadName(
  inputName: string | null | undefined,
  operation: string,
  contentType: string,
): string {
  return `${safeStem(inputName)}-${operation}.${extensionOf(contentType)}`;
}

/** A download name stem from an untrusted file name: ASCII letters, digits, `-` and `_`, at most 60. */
export function safeStem(name: string | null | undefined): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .at(-1)!
    .replace(/\.[^.]*$/, '');
  const cleaned = base
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return cleaned || 'image';
}

function boundedMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
  const size = JSON.stringify(metadata).length;
  return size <= MAX_METADATA_CHARS
    ? metadata
    : { truncated: true, note: `metadata of ${size} characters was too large to keep` };
}

function toRecord(row: ResultRow): ResultRecord {
  return {
    id: row.id,
    organizationId: row.organizationId,
    taskId: row.taskId,
    operation: row.operation,
    filename: row.filename,
    contentType: row.contentType,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    metadata: row.metadata,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}
