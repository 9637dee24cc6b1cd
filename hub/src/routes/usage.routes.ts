import Router from '@koa/router';
import { usageLogsQuery, usageQuery } from '@pixport/shared';
import type { AppState } from '../context.js';
import type { Authenticators } from '../middleware/authenticate.js';
import { validated } from '../middleware/validate.js';
import type { UsageService } from '../services/usage.service.js';

export function usageRoutes(usage: UsageService, authenticate: Authenticators) {
  const router = new Router<AppState>({ prefix: '/api/v1/usage' });
  const auth = authenticate.keyOrSession({ scope: 'usage:read' });

  router.get(
    '/',
    auth,
    validated({ query: usageQuery }, async (ctx, { query }) => {
      ctx.body = await usage.snapshot(ctx.state.principal!, query);
    }),
  );
  router.get(
    '/logs',
    auth,
    validated({ query: usageLogsQuery }, async (ctx, { query }) => {
      ctx.body = await usage.logs(ctx.state.principal!, query);
    }),
  );
  return router;
}
