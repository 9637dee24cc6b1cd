import type { OperationName, TaskStatus } from '@pixport/shared';
import { FINISHED_TASK_STATUSES } from '@pixport/shared';
import type { TaskInput, TaskRow } from '../../db/entities/task.entity.js';
import type { ResultRecord } from '../result.service.js';

/** A task as services hand it out (no entity leaves the tasks services). */
export interface TaskRecord {
  id: string;
  organizationId: string;
  keyId: string | null;
  operation: OperationName;
  endpoint: string;
  api: 'v1' | 'seed';
  params: Record<string, unknown>;
  status: TaskStatus;
  progress: number;
  attempts: number;
  inputs: Array<Omit<TaskInput, 'blobKey'>>;
  error: { code: string; message: string } | null;
  cancelRequested: boolean;
  callback: { url: string; events: string[]; hasSecret: boolean } | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  expiresAt: Date | null;
  /** The output once succeeded (null before, and after it expired). */
  result: ResultRecord | null;
}

export const isFinished = (status: TaskStatus) => FINISHED_TASK_STATUSES.includes(status);

export function callbackOf(row: TaskRow): TaskRecord['callback'] {
  return row.webhookUrl
    ? { url: row.webhookUrl, events: row.webhookEvents ?? [], hasSecret: row.webhookSecret !== null }
    : null;
}

export function toTaskRecord(row: TaskRow, result: ResultRecord | null): TaskRecord {
  return {
    id: row.id,
    organizationId: row.organizationId,
    keyId: row.keyId,
    operation: row.operation as OperationName,
    endpoint: row.endpoint,
    api: row.api as TaskRecord['api'],
    params: row.params,
    status: row.status as TaskStatus,
    progress: row.progress,
    attempts: row.attempts,
    inputs: row.inputs.map(({ field, filename, media, bytes }) => ({ field, filename, media, bytes })),
    error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? '' } : null,
    cancelRequested: row.cancelRequestedAt !== null && !isFinished(row.status as TaskStatus),
    callback: callbackOf(row),
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    expiresAt: row.expiresAt,
    result: row.status === 'succeeded' ? result : null,
  };
}

/** The sealed webhook secret's associated data: it opens only for this task's row and field. */
export const webhookSecretContext = (taskId: string) => `tasks:${taskId}:webhook_secret`;
