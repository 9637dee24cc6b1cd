import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, IntColumn, JsonColumn, TextColumn, TimeColumn } from '../columns.js';

/** One input file of a task, kept in the blob store until the task ends. */
export interface TaskInput {
  field: string;
  filename: string | null;
  media: string;
  bytes: number;
  blobKey: string;
}

/**
 * An async task: one image operation run by a worker (agenda job `process-task`, `jobId`). The
 * output is a `results` row (`resultId`); the webhook secret is sealed with SecretBox.
 */
@Entity('tasks')
@Index(['organizationId', 'createdAt'])
@Index(['organizationId', 'status', 'createdAt'])
@Index(['status', 'createdAt'])
@Index(['notifiedAt'])
@Index(['expiresAt'])
export class TaskRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @IdColumn() organizationId!: string;
  @IdColumn({ nullable: true }) keyId!: string | null;
  @IdColumn({ nullable: true }) userId!: string | null;
  @TextColumn(64) operation!: string;
  /** The name the client used (`rm-bg`, `remove-background`) and the route family (`v1`, `seed`). */
  @TextColumn(64) endpoint!: string;
  @TextColumn(16) api!: string;
  @JsonColumn() params!: Record<string, unknown>;
  @TextColumn(16) status!: string;
  @IntColumn({ default: 0 }) progress!: number;
  @IntColumn({ default: 0 }) attempts!: number;
  @JsonColumn() inputs!: TaskInput[];
  @IdColumn({ nullable: true }) resultId!: string | null;
  @TextColumn(64, { nullable: true }) errorCode!: string | null;
  @TextColumn(1000, { nullable: true }) errorMessage!: string | null;
  @TextColumn(2048, { nullable: true }) webhookUrl!: string | null;
  @JsonColumn({ nullable: true }) webhookEvents!: string[] | null;
  @Column({ type: 'text', nullable: true }) webhookSecret!: string | null;
  /** The agenda job that owns the task (set at submit, or by the recovery sweep). */
  @TextColumn(64, { nullable: true }) jobId!: string | null;
  @TimeColumn({ nullable: true }) cancelRequestedAt!: Date | null;
  /** When `task.finished` was handed to the event subscribers (null: still owed). */
  @TimeColumn({ nullable: true }) notifiedAt!: Date | null;
  @TimeColumn() createdAt!: Date;
  @TimeColumn() updatedAt!: Date;
  @TimeColumn({ nullable: true }) startedAt!: Date | null;
  @TimeColumn({ nullable: true }) finishedAt!: Date | null;
  @TimeColumn({ nullable: true }) expiresAt!: Date | null;
  /** When the input blobs (and for succeeded tasks the result) were deleted. */
  @TimeColumn({ nullable: true }) purgedAt!: Date | null;
}
