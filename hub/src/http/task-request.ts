import { seedCallbackFields, v1CallbackFields, type OperationName } from '@pixport/shared';
import type { AppContext } from '../context.js';
import { AppError, type FieldError } from '../errors.js';
import type { ProcessingLimits } from '../processing/index.js';
import type { TaskRecord } from '../services/tasks/task.dto.js';
import type { SubmitOptions, TaskService } from '../services/tasks/task.service.js';
import { clientGone } from './operation-response.js';
import { preferredWaitMs } from './task-response.js';
import { readOperationRequest, type OperationRequest } from './operation-request.js';

/** The callback fields of each route family, and their names (the v1 form also carries `operation`). */
const FAMILIES = {
  v1: {
    schema: v1CallbackFields,
    url: 'webhookUrl',
    events: 'webhookEvents',
    secret: 'webhookSecret',
    extra: ['operation'],
  },
  seed: {
    schema: seedCallbackFields,
    url: 'webhook_url',
    events: 'webhook_events',
    secret: 'webhook_secret',
    extra: [],
  },
} as const;

/**
 * A task submission: the operation's request, read by the one operation reader (files by content,
 * parameters by the operation's schema), plus the callback fields of the route family.
 */
export async function readTaskSubmission(
  ctx: AppContext,
  operation: OperationName | string,
  api: SubmitOptions['api'],
  limits: ProcessingLimits,
): Promise<{ request: OperationRequest; callback: SubmitOptions['callback'] }> {
  const family = FAMILIES[api];
  const request = await readOperationRequest(ctx, operation, {
    limits,
    extraFields: [...family.extra, family.url, family.events, family.secret],
  });
  const { operation: _named, ...fields } = request.extras;
  const parsed = family.schema.safeParse(fields);
  const errors: FieldError[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        field: String(issue.path[0] ?? 'webhook'),
        message: issue.message,
      }));
  const values = (parsed.success ? parsed.data : {}) as Record<string, unknown>;
  const url = values[family.url] as string | undefined;
  for (const name of [family.events, family.secret]) {
    if (values[name] !== undefined && url === undefined)
      errors.push({ field: name, message: `needs ${family.url}` });
  }
  if (errors.length > 0) {
    throw new AppError(
      'invalid_parameter',
      errors.map((error) => `${error.field}: ${error.message}`).join('; '),
      { errors },
    );
  }
  const events = values[family.events] as string[] | undefined;
  // Explicit callback fields win; otherwise a saved preset's callback applies.
  const callback = url
    ? { url, events: events && [...new Set(events)], secret: values[family.secret] as string | undefined }
    : (request.savedPreset?.callback ?? undefined);
  return { request, callback };
}

/**
 * A submit route's work for either family: read the submission, queue the task, and under
 * `Prefer: wait=N` hold on until it finished or N seconds passed. Returns the task as it is then.
 */
export async function submitTask(
  ctx: AppContext,
  tasks: TaskService,
  operation: OperationName,
  options: { api: SubmitOptions['api']; endpoint: string; limits: ProcessingLimits },
): Promise<TaskRecord> {
  ctx.state.operation = operation;
  tasks.assertMayWrite(ctx.state.principal!); // before reading the upload
  const { request, callback } = await readTaskSubmission(ctx, operation, options.api, options.limits);
  ctx.state.usageLabel = (request.params.presetLabel as string | undefined) ?? request.preset ?? undefined;
  const principal = ctx.state.principal!;
  const submitted = await tasks.submit(principal, request, {
    api: options.api,
    endpoint: options.endpoint,
    callback,
  });
  const waitMs = preferredWaitMs(ctx);
  return waitMs > 0 ? tasks.waitFor(principal, submitted.id, waitMs, clientGone(ctx)) : submitted;
}
