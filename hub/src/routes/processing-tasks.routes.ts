import Router from '@koa/router';
import { processingTaskStatusPath, resolveOperation, taskIdParams } from '@pixport/shared';
import type { AppState } from '../context.js';
import { AppError } from '../errors.js';
import type { Authenticators } from '../middleware/authenticate.js';
import { validated } from '../middleware/validate.js';
import { absoluteUrl } from '../http/operation-response.js';
import { submitTask } from '../http/task-request.js';
import { answerSubmitted, processingTaskBody, sendTaskResult } from '../http/task-response.js';
import type { ProcessingLimits } from '../processing/index.js';
import type { TaskService } from '../services/tasks/task.service.js';
import { TASK_READ, TASK_WRITE } from './tasks.routes.js';

/**
 * The seed contract's async routes, kept exactly: `POST /api/processing-tasks/{rm-bg|ocr|gif-from-video|
 * gif-maker|…}` with `image` / `video` / `frames[]`, `webhook_url`, `webhook_events[]`, `webhook_secret`;
 * `GET …/:id/status`; `GET …/:id/result`. An API key or a dashboard session.
 */
export function processingTaskRoutes(
  tasks: TaskService,
  authenticate: Authenticators,
  options: { limits: ProcessingLimits; publicUrl: string | undefined },
) {
  const router = new Router<AppState>({ prefix: '/api/processing-tasks' });

  router.post('/:endpoint', authenticate.keyOrSession({ scope: TASK_WRITE, uploads: true }), async (ctx) => {
    const endpoint = ctx.params.endpoint!;
    const operation = resolveOperation(endpoint);
    if (!operation)
      throw new AppError('not_found', `No async endpoint ${endpoint}; see /api/v1/openapi for the list.`);
    const task = await submitTask(ctx, tasks, operation, { api: 'seed', endpoint, limits: options.limits });
    const status = absoluteUrl(ctx, options.publicUrl, processingTaskStatusPath(task.id));
    answerSubmitted(ctx, task, status, processingTaskBody(ctx, options.publicUrl, task));
  });

  router.get(
    '/:id/status',
    authenticate.keyOrSession({ scope: TASK_READ }),
    validated({ params: taskIdParams }, async (ctx, { params }) => {
      ctx.body = processingTaskBody(ctx, options.publicUrl, await tasks.get(ctx.state.principal!, params.id));
    }),
  );

  router.get(
    '/:id/result',
    authenticate.keyOrSession({ scope: TASK_READ }),
    validated({ params: taskIdParams }, (ctx, { params }) => sendTaskResult(ctx, tasks, params.id)),
  );
  return router;
}
