import Router from '@koa/router';
import { resultParams } from '@pixport/shared';
import type { AppState } from '../context.js';
import { AppError } from '../errors.js';
import type { Authenticators } from '../middleware/authenticate.js';
import { validated } from '../middleware/validate.js';
import { sendResult } from '../http/operation-response.js';
import { hasScope } from '../services/principal.js';
import type { ResultService } from '../services/result.service.js';

/** Downloads of kept results: the organization's own only (404 otherwise), 410 once expired. */
export function resultRoutes(results: ResultService, authenticate: Authenticators) {
  const router = new Router<AppState>({ prefix: '/api/v1/results' });

  router.get(
    '/:id',
    authenticate.keyOrSession(),
    validated({ params: resultParams }, async (ctx, { params }) => {
      const principal = ctx.state.principal!;
      if (principal.kind === 'key' && !hasScope(principal, 'process') && !hasScope(principal, 'tasks:read')) {
        throw new AppError(
          'insufficient_scope',
          'Downloading results needs the `process` or `tasks:read` scope.',
          {
            extra: { required_scope: 'process' },
          },
        );
      }
      const now = new Date();
      sendResult(ctx, await results.download(principal.organizationId, params.id, now), now);
    }),
  );
  return router;
}
