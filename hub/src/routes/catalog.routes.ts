import Router from '@koa/router';
import { catalogQuery } from '@pixport/shared';
import type { AppState } from '../context.js';
import type { Authenticators } from '../middleware/authenticate.js';
import { validated } from '../middleware/validate.js';
import type { CatalogService } from '../services/catalog.service.js';

/** The synced catalog preview. */
export function catalogRoutes(catalog: CatalogService, authenticate: Authenticators) {
  const router = new Router<AppState>({ prefix: '/api/v1/catalog' });
  router.get(
    '/',
    authenticate.keyOrSession({ scope: 'marketplace:read' }),
    validated({ query: catalogQuery }, async (ctx, { query }) => {
      ctx.body = await catalog.list(ctx.state.principal!, query);
    }),
  );
  return router;
}
