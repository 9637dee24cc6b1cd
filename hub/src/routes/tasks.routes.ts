import Router from '@koa/router';
import { taskIdParams, taskListQuery, taskPath } from '@pixport/shared';
import type { AppState } from '../context.js';
import type { Authenticators, ScopeRequirement } from '../middleware/authenticate.js';
import { validated } from '../middleware/validate.js';
import { absoluteUrl } from '../http/operation-response.js';
import { operationFromField } from '../http/operation-request.js';
import { submitTask } from '../http/task-request.js';
import { answerSubmitted, sendTaskResult, taskBody } from '../http/task-response.js';
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
  const body = (ctx: Parameters<typeof taskBody>[0], task: Parameters<typeof taskBody>[2]) =>
    taskBody(ctx, options.publicUrl, task);

  router.post('/', authenticate.keyOrSession({ scope: TASK_WRITE, uploads: true }), async (ctx) => {
    const operation = operationFromField(ctx);
    const task = await submitTask(ctx, tasks, operation, {
      api: 'v1',
      endpoint: operation,
      limits: options.limits,
    });
    answerSubmitted(ctx, task, absoluteUrl(ctx, options.publicUrl, taskPath(task.id)), body(ctx, task));
  });

  router.get(
    '/',
    read,
    validated({ query: taskListQuery }, async (ctx, { query }) => {
      const principal = ctx.state.principal!;
      if (query.ids) {
        const { data, missing } = await tasks.byIds(principal, query.ids);
        ctx.body = { data: data.map((task) => body(ctx, task)), next_cursor: null, missing };
        return;
      }
      const page = await tasks.list(principal, query);
      ctx.body = { data: page.data.map((task) => body(ctx, task)), next_cursor: page.next_cursor };
    }),
  );

  router.get('/stats', read, async (ctx) => {
    const { counts, recent } = await tasks.stats(ctx.state.principal!);
    ctx.body = { counts, recent: recent.map((task) => body(ctx, task)) };
  });

  router.get(
    '/:id',
    read,
    validated({ params: taskIdParams }, async (ctx, { params }) => {
      ctx.body = body(ctx, await tasks.get(ctx.state.principal!, params.id));
    }),
  );

  router.get(
    '/:id/result',
    read,
    validated({ params: taskIdParams }, (ctx, { params }) => sendTaskResult(ctx, tasks, params.id)),
  );

  router.post(
    '/:id/cancel',
    write,
    validated({ params: taskIdParams }, async (ctx, { params }) => {
      const task = await tasks.cancel(ctx.state.principal!, params.id);
      ctx.status = task.status === 'canceled' ? 200 : 202;
      ctx.body = body(ctx, task);
    }),
  );
  return router;
}
