import {
  MAX_TASK_WAIT_SECONDS,
  processingTaskResultPath,
  processingTaskStatusPath,
  resultPath,
  taskPath,
  taskResultPath,
  type ProcessingTask,
  type Task,
  type TaskWebhookEvent,
} from '@pixport/shared';
import type { AppContext } from '../context.js';
import { isFinished, type TaskRecord } from '../services/tasks/task.dto.js';
import type { TaskService } from '../services/tasks/task.service.js';
import { absoluteUrl, sendResult } from './operation-response.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** A task as `/api/v1/jobs` answers it. */
export function taskBody(ctx: AppContext, publicUrl: string | undefined, task: TaskRecord): Task {
  const result = task.result;
  return {
    id: task.id,
    status: task.status,
    operation: task.operation,
    progress: task.progress,
    attempts: task.attempts,
    params: task.params,
    output: result && {
      url: absoluteUrl(ctx, publicUrl, resultPath(result.id)),
      content_type: result.contentType,
      width: result.width,
      height: result.height,
      bytes: result.bytes,
      filename: result.filename,
    },
    metadata: result?.metadata ?? null,
    error: task.error,
    cancel_requested: task.cancelRequested,
    webhook: task.callback && {
      url: task.callback.url,
      events: task.callback.events as TaskWebhookEvent[],
      has_secret: task.callback.hasSecret,
    },
    status_url: absoluteUrl(ctx, publicUrl, taskPath(task.id)),
    result_url: absoluteUrl(ctx, publicUrl, taskResultPath(task.id)),
    created_at: task.createdAt.toISOString(),
    started_at: iso(task.startedAt),
    finished_at: iso(task.finishedAt),
    expires_at: iso(task.expiresAt),
  };
}

/** A task as the seed contract's `/api/processing-tasks/...` answers it. */
export function processingTaskBody(
  ctx: AppContext,
  publicUrl: string | undefined,
  task: TaskRecord,
): ProcessingTask {
  return {
    task_id: task.id,
    endpoint: task.endpoint,
    operation: task.operation,
    status: task.status,
    progress: task.progress,
    status_url: absoluteUrl(ctx, publicUrl, processingTaskStatusPath(task.id)),
    result_url: absoluteUrl(ctx, publicUrl, processingTaskResultPath(task.id)),
    output_filename: task.result?.filename ?? null,
    error: task.error,
    created_at: task.createdAt.toISOString(),
    started_at: iso(task.startedAt),
    finished_at: iso(task.finishedAt),
  };
}

/**
 * `Prefer: wait=N` (RFC 7240), capped at 60 s; absent or unreadable → 0 (answer at once). Sets
 * `Preference-Applied` when honoured.
 */
export function preferredWaitMs(ctx: AppContext): number {
  const match = /(?:^|[,;]\s*)wait\s*=\s*"?(\d{1,6})"?\s*(?=$|[,;])/i.exec(ctx.get('Prefer'));
  if (!match) return 0;
  const seconds = Math.min(Number(match[1]), MAX_TASK_WAIT_SECONDS);
  ctx.set('Preference-Applied', `wait=${seconds}`);
  return seconds * 1000;
}

/** A submit's answer: 202 + Location while the task is pending, 200 once it finished (under `Prefer: wait`). */
export function answerSubmitted(ctx: AppContext, task: TaskRecord, location: string, body: object): void {
  ctx.status = isFinished(task.status) ? 200 : 202;
  ctx.set('Location', location);
  ctx.body = body;
}

/** A task's output as the download answer (409 before it succeeded, 410 once expired). */
export async function sendTaskResult(ctx: AppContext, tasks: TaskService, id: string): Promise<void> {
  const now = new Date();
  sendResult(ctx, await tasks.openResult(ctx.state.principal!, id, now), now);
}
