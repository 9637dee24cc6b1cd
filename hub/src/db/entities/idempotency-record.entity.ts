import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, IntColumn, TextColumn, TimeColumn } from '../columns.js';

/**
 * An `Idempotency-Key` of an organization: the request's fingerprint and, once answered, the
 * response to replay (inline, or in the blob store when large). `in_flight` until then.
 */
@Entity('idempotency_records')
@Index(['organizationId', 'idempotencyKey'], { unique: true })
@Index(['expiresAt'])
export class IdempotencyRecordRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @IdColumn() organizationId!: string;
  @TextColumn(255) idempotencyKey!: string;
  /** SHA-256 hex of method, path and body. */
  @TextColumn(64) fingerprint!: string;
  @TextColumn(16) status!: 'in_flight' | 'done';
  /** An in-flight record older than this belongs to a process that died; it may be taken over. */
  @TimeColumn() lockedUntil!: Date;
  @IntColumn({ nullable: true }) responseStatus!: number | null;
  @Column({ type: 'text', nullable: true }) responseHeaders!: string | null;
  /** `json`, `text` or `binary` (base64 inline). */
  @TextColumn(8, { nullable: true }) bodyEncoding!: string | null;
  @Column({ type: 'text', nullable: true }) bodyInline!: string | null;
  @TextColumn(255, { nullable: true }) bodyBlob!: string | null;
  @TimeColumn() createdAt!: Date;
  @TimeColumn() expiresAt!: Date;
}
