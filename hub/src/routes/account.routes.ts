import Router from '@koa/router';
import type { AppState } from '../context.js';
import type { Authenticators } from '../middleware/authenticate.js';
import type { AccountService } from '../services/account.service.js';

/** The organization's plan, credits and limits. */
export function accountRoutes(account: AccountService, authenticate: Authenticators) {
  const router = new Router<AppState>({ prefix: '/api/v1/account' });
  router.get('/', authenticate.keyOrSession({ scope: 'usage:read' }), async (ctx) => {
    ctx.body = await account.get(ctx.state.principal!);
  });
  return router;
}
