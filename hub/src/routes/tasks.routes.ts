import Router from '@koa/router';
import { taskIdParams, taskListQuery, taskPath } from '@pixport/shared';
import type { AppState } from '../context.js';
import type { Authenticators, ScopeRequirement } from '../middleware/authenticate.js';
import { validated } from '../middleware/validate.js';
import { absoluteUrl, clientGone, sendResult } from '../http/operation-response.js';
import { operationFromField } from '../http/operation-request.js';
import { readTaskSubmission } from '../http/task-request.js';
import { answerSubmitted, preferredWaitMs, taskBody } from '../http/task-response.js';
import type { ProcessingLimits } from '../processing/index.js';
import type { TaskService } from '../services/tasks/task.service.js';

/** Keys that may run operations may also queue them, follow and cancel them. */
export const TASK_WRITE: ScopeRequirement = ['tasks:write', 'process'];
export const TASK_READ: ScopeRequirement = ['tasks:read', 'process'];

/** The v1 async API: `/api/v1/jobs` — submit any operation, read, list, batch, stats, download, cancel. */
export function taskRoutes(
  tasks: TaskService,
  authenticate: Authenticators,
  options: { limits: ProcessingLimits; publicUrl: string | undefined },
) {
  const router = new Router<AppState>({ prefix: '/api/v1/jobs' });
  const read = authenticate.keyOrSession({ scope: TASK_READ });
  const write = authenticate.keyOrSession({ scope: TASK_WRITE });

  router.post('/', write, async (ctx) => {
    const operation = operationFromField(ctx);
    ctx.state.operation = operation;
    const { request, callback } = await readTaskSubmission(ctx, operation, 'v1', options.limits);
    ctx.state.usageLabel = (request.params.presetLabel as string | undefined) ?? request.preset ?? undefined;
    const principal = ctx.state.principal!;
    const submitted = await tasks.submit(principal, request, { api: 'v1', endpoint: operation, callback });
    const waitMs = preferredWaitMs(ctx);
    const task =
      waitMs > 0 ? await tasks.waitFor(principal, submitted.id, waitMs, clientGone(ctx)) : submitted;
    answerSubmitted(
      ctx,
      task,
      absoluteUrl(ctx, options.publicUrl, taskPath(task.id)),
      taskBody(ctx, options.publicUrl, task),
    );
  });

  router.get(
    '/',
    read,
    validated({ query: taskListQuery }, async (ctx, { query }) => {
      const principal = ctx.state.principal!;
      if (query.ids) {
        const { data, missing } = await tasks.byIds(principal, query.ids);
        ctx.body = {
          data: data.map((task) => taskBody(ctx, options.publicUrl, task)),
          next_cursor: null,
          missing,
        };
        return;
      }
      const page = await tasks.list(principal, query);
      ctx.body = {
        data: page.data.map((task) => taskBody(ctx, options.publicUrl, task)),
        next_cursor: page.next_cursor,
      };
    }),
  );

  router.get('/stats', read, async (ctx) => {
    const { counts, recent } = await tasks.stats(ctx.state.principal!);
    ctx.body = { counts, recent: recent.map((task) => taskBody(ctx, options.publicUrl, task)) };
  });

  router.get(
    '/:id',
    read,
    validated({ params: taskIdParams }, async (ctx, { params }) => {
      ctx.body = taskBody(ctx, options.publicUrl, await tasks.get(ctx.state.principal!, params.id));
    }),
  );

  router.get(
    '/:id/result',
    read,
    validated({ params: taskIdParams }, async (ctx, { params }) => {
      const now = new Date();
      const { result, stream } = await tasks.openResult(ctx.state.principal!, params.id, now);
      sendResult(ctx, result, stream, now);
    }),
  );

  router.post(
    '/:id/cancel',
    write,
    validated({ params: taskIdParams }, async (ctx, { params }) => {
      const task = await tasks.cancel(ctx.state.principal!, params.id);
      ctx.status = task.status === 'canceled' ? 200 : 202;
      ctx.body = taskBody(ctx, options.publicUrl, task);
    }),
  );
  return router;
}
