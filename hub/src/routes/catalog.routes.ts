import Router from '@koa/router';
import {
  catalogFacetsQuery,
  catalogProcessBody,
  catalogQuery,
  catalogRunItemsQuery,
  cursorQuery,
  idParam,
} from '@pixport/shared';
import type { AppState } from '../context.js';
import type { Authenticators } from '../middleware/authenticate.js';
import { validated } from '../middleware/validate.js';
import type { CatalogRunService } from '../services/catalog-run.service.js';
import type { CatalogService } from '../services/catalog.service.js';

/** The synced catalog preview, and bulk processing runs over it. */
export function catalogRoutes(
  catalog: CatalogService,
  runs: CatalogRunService,
  authenticate: Authenticators,
) {
  const router = new Router<AppState>({ prefix: '/api/v1/catalog' });
  const read = authenticate.keyOrSession({ scope: 'marketplace:read' });
  const write = authenticate.keyOrSession({ scope: 'marketplace:publish' });

  router.get(
    '/',
    read,
    validated({ query: catalogQuery }, async (ctx, { query }) => {
      ctx.body = await catalog.list(ctx.state.principal!, query);
    }),
  );
  router.get(
    '/facets',
    read,
    validated({ query: catalogFacetsQuery }, async (ctx, { query }) => {
      ctx.body = await catalog.facets(ctx.state.principal!, query);
    }),
  );
  router.post(
    '/process',
    write,
    validated({ body: catalogProcessBody }, async (ctx, { body }) => {
      const run = await runs.start(ctx.state.principal!, body);
      ctx.status = 202;
      ctx.set('Location', `/api/v1/catalog/runs/${run.id}`);
      ctx.body = run;
    }),
  );
  router.post(
    '/estimate',
    write,
    validated({ body: catalogProcessBody }, async (ctx, { body }) => {
      ctx.body = await runs.estimate(ctx.state.principal!, body);
    }),
  );
  router.post(
    '/runs/:id/pause',
    write,
    validated({ params: idParam }, async (ctx, { params }) => {
      ctx.body = await runs.pause(ctx.state.principal!, params.id);
    }),
  );
  router.get(
    '/runs',
    read,
    validated({ query: cursorQuery }, async (ctx, { query }) => {
      ctx.body = await runs.list(ctx.state.principal!, query);
    }),
  );
  router.get(
    '/runs/:id',
    read,
    validated({ params: idParam }, async (ctx, { params }) => {
      ctx.body = await runs.get(ctx.state.principal!, params.id);
    }),
  );
  router.get(
    '/runs/:id/items',
    read,
    validated({ params: idParam, query: catalogRunItemsQuery }, async (ctx, { params, query }) => {
      ctx.body = await runs.items(ctx.state.principal!, params.id, query);
    }),
  );
  router.post(
    '/runs/:id/cancel',
    write,
    validated({ params: idParam }, async (ctx, { params }) => {
      ctx.body = await runs.cancel(ctx.state.principal!, params.id);
    }),
  );
  router.post(
    '/runs/:id/resume',
    write,
    validated({ params: idParam }, async (ctx, { params }) => {
      ctx.status = 202;
      ctx.body = await runs.resume(ctx.state.principal!, params.id);
    }),
  );
  return router;
}
