import { LessThanOrEqual, type DataSource } from 'typeorm';
import { IdempotencyRecordRow } from '../db/entities/idempotency-record.entity.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { AppError } from '../errors.js';
import { newId } from '../lib/ids.js';
import type { Logger } from '../logger.js';
import type { BlobStore } from '../storage/blob-store.js';

/** A response to keep for replay. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: { encoding: 'json' | 'text' | 'binary'; data: Buffer };
}

export type Begun = { kind: 'new'; id: string } | { kind: 'replay'; response: StoredResponse };

/** Bodies up to this size live in the row; larger ones in the blob store. */
const INLINE_BYTES = 48 * 1024;
/** How long a request may stay in flight before its record is presumed abandoned (a crashed process). */
const IN_FLIGHT_MS = 5 * 60_000;

/**
 * Idempotency-Key records in the database, so every hub process sees them: the first request with a
 * key claims it (a unique insert), its response is kept for `ttlMs` and replayed to later requests
 * with the same key and fingerprint. A different fingerprint is 422 `idempotency_key_reused`; a key
 * whose first request is still running is 409 `idempotency_key_in_use`.
 */
export class IdempotencyService {
  constructor(
    private readonly db: DataSource,
    private readonly blobs: BlobStore,
    private readonly ttlMs: number,
    private readonly logger: Logger,
  ) {}

  async begin(organizationId: string, key: string, fingerprint: string, now = new Date()): Promise<Begun> {
    const repository = this.db.getRepository(IdempotencyRecordRow);
    for (let attempt = 0; attempt < 3; attempt++) {
      const fresh = this.claim(organizationId, key, fingerprint, now);
      try {
        await repository.insert(fresh);
        return { kind: 'new', id: fresh.id };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const existing = await repository.findOneBy({ organizationId, idempotencyKey: key });
      if (!existing) continue; // deleted meanwhile (released): try the insert again
      if (existing.expiresAt <= now) {
        if (await this.takeOver(existing, fresh, { expiresAt: LessThanOrEqual(now) })) return { kind: 'new', id: existing.id };
        continue;
      }
      if (existing.fingerprint !== fingerprint) {
        throw new AppError(
          'idempotency_key_reused',
          'This Idempotency-Key was used for a different request (method, path or body); use a new key for a new request.',
        );
      }
      if (existing.status === 'done') return { kind: 'replay', response: await this.stored(existing) };
      if (existing.lockedUntil <= now) {
        if (await this.takeOver(existing, fresh, { status: 'in_flight', lockedUntil: LessThanOrEqual(now) })) return { kind: 'new', id: existing.id };
        continue;
      }
      throw new AppError('idempotency_key_in_use', 'The first request with this Idempotency-Key is still being processed; retry shortly.', {
        headers: { 'Retry-After': '1' },
      });
    }
    throw new AppError('idempotency_key_in_use', 'This Idempotency-Key is contended; retry shortly.', { headers: { 'Retry-After': '1' } });
  }

  /** Keeps the response of a claimed key for replay. */
  async complete(id: string, organizationId: string, response: StoredResponse): Promise<void> {
    const inline = response.body.data.length <= INLINE_BYTES;
    const blobKey = inline ? null : `idempotency/${id}`;
    if (blobKey) await this.blobs.put(organizationId, blobKey, response.body.data);
    await this.db.getRepository(IdempotencyRecordRow).update(
      { id },
      {
        status: 'done',
        responseStatus: response.status,
        responseHeaders: JSON.stringify(response.headers),
        bodyEncoding: response.body.encoding,
        bodyInline: inline ? response.body.data.toString(response.body.encoding === 'binary' ? 'base64' : 'utf8') : null,
        bodyBlob: blobKey,
      },
    );
  }

  /** Forgets a claimed key whose request is not to be replayed (refused by validation, or a server error). */
  async release(id: string): Promise<void> {
    await this.db.getRepository(IdempotencyRecordRow).delete({ id, status: 'in_flight' });
  }

  /** Deletes expired records (and their blobs); returns how many. */
  async purgeExpired(now = new Date()): Promise<number> {
    const repository = this.db.getRepository(IdempotencyRecordRow);
    const expired = await repository.find({
      where: { expiresAt: LessThanOrEqual(now) },
      select: { id: true, organizationId: true, bodyBlob: true },
      take: 1000,
    });
    for (const record of expired) {
      if (record.bodyBlob) await this.blobs.delete(record.organizationId, record.bodyBlob).catch((error: unknown) => this.logger.warn({ err: error }, 'could not delete an idempotency blob'));
    }
    if (expired.length > 0) await repository.delete(expired.map((record) => record.id));
    return expired.length;
  }

  private claim(organizationId: string, key: string, fingerprint: string, now: Date): IdempotencyRecordRow {
    return {
      id: newId('idem'),
      organizationId,
      idempotencyKey: key,
      fingerprint,
      status: 'in_flight',
      lockedUntil: new Date(now.getTime() + IN_FLIGHT_MS),
      responseStatus: null,
      responseHeaders: null,
      bodyEncoding: null,
      bodyInline: null,
      bodyBlob: null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.ttlMs),
    };
  }

  /** Re-claims an expired or abandoned record in place, if it is still in the state seen. */
  private async takeOver(existing: IdempotencyRecordRow, fresh: IdempotencyRecordRow, still: Partial<Record<keyof IdempotencyRecordRow, unknown>>): Promise<boolean> {
    const { id: _unused, ...values } = fresh;
    const result = await this.db.getRepository(IdempotencyRecordRow).update({ id: existing.id, ...still } as never, values);
    if (result.affected === 1 && existing.bodyBlob) await this.blobs.delete(existing.organizationId, existing.bodyBlob).catch(() => undefined);
    return result.affected === 1;
  }

  private async stored(record: IdempotencyRecordRow): Promise<StoredResponse> {
    const encoding = (record.bodyEncoding ?? 'text') as StoredResponse['body']['encoding'];
    const data = record.bodyBlob
      ? await this.blobs.get(record.organizationId, record.bodyBlob)
      : Buffer.from(record.bodyInline ?? '', encoding === 'binary' ? 'base64' : 'utf8');
    return { status: record.responseStatus!, headers: JSON.parse(record.responseHeaders ?? '{}') as Record<string, string>, body: { encoding, data } };
  }
}
