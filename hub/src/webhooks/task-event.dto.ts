import type { TaskFinishedEvent } from '../services/domain-events.js';
import type { PublishInput } from './dispatcher.service.js';

/**
 * A finished task as a webhook event: `task.succeeded|failed|canceled` to the organization's
 * subscriptions, and to the task's own callback when it asked for that ending. The seed's payload:
 * `task_id, endpoint, status, status_url, result_url (succeeded only), output_filename, error?`; the
 * event id from the task (`<task>.<status>`) dedupes a `task.finished` emitted again.
 */
export function taskEventInput(event: TaskFinishedEvent, publicUrl: string | undefined, callbackSecret: string | null): PublishInput {
  const absolute = (path: string) => `${publicUrl ?? ''}${path}`;
  const wantsCallback = event.callback !== null && event.callback.events.includes(event.status);
  return {
    organizationId: event.organizationId,
    type: `task.${event.status}`,
    subjectId: event.taskId,
    sourceId: event.id,
    fields: {
      task_id: event.taskId,
      endpoint: event.endpoint,
      status: event.status,
      status_url: absolute(event.statusPath),
      ...(event.status === 'succeeded' ? { result_url: absolute(event.resultPath) } : {}),
      output_filename: event.outputFilename,
      ...(event.error ? { error: event.error } : {}),
    },
    callback: wantsCallback ? { url: event.callback!.url, secret: callbackSecret } : undefined,
  };
}
