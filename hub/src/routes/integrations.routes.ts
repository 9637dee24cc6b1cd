import Router from '@koa/router';
import { createIntegrationBody, idParam, syncIntegrationBody, updateIntegrationBody } from '@pixport/shared';
import type { AppState } from '../context.js';
import type { Authenticators } from '../middleware/authenticate.js';
import { validated } from '../middleware/validate.js';
import type { CatalogService } from '../services/catalog.service.js';
import type { IntegrationService } from '../services/integration.service.js';
import { requestMeta } from './request-meta.js';

/** Marketplace integrations: read with `marketplace:read`, change with `marketplace:publish` (or a session). */
export function integrationRoutes(
  integrations: IntegrationService,
  catalog: CatalogService,
  authenticate: Authenticators,
) {
  const router = new Router<AppState>({ prefix: '/api/v1/integrations' });
  const read = authenticate.keyOrSession({ scope: 'marketplace:read' });
  const write = authenticate.keyOrSession({ scope: 'marketplace:publish' });

  router.post(
    '/',
    write,
    validated({ body: createIntegrationBody }, async (ctx, { body }) => {
      const created = await integrations.create(ctx.state.principal!, body, requestMeta(ctx));
      ctx.status = 201;
      ctx.set('Location', `/api/v1/integrations/${created.id}`);
      ctx.body = created;
    }),
  );
  router.get('/', read, async (ctx) => {
    ctx.body = { data: await integrations.list(ctx.state.principal!) };
  });
  router.get(
    '/:id',
    read,
    validated({ params: idParam }, async (ctx, { params }) => {
      ctx.body = await integrations.get(ctx.state.principal!, params.id);
    }),
  );
  router.patch(
    '/:id',
    write,
    validated({ params: idParam, body: updateIntegrationBody }, async (ctx, { params, body }) => {
      ctx.body = await integrations.update(ctx.state.principal!, params.id, body, requestMeta(ctx));
    }),
  );
  router.delete(
    '/:id',
    write,
    validated({ params: idParam }, async (ctx, { params }) => {
      await integrations.remove(ctx.state.principal!, params.id, requestMeta(ctx));
      ctx.status = 204;
    }),
  );
  router.post(
    '/:id/verify',
    write,
    validated({ params: idParam }, async (ctx, { params }) => {
      ctx.body = await integrations.verify(ctx.state.principal!, params.id);
    }),
  );
  router.post(
    '/:id/sync',
    write,
    validated({ params: idParam, body: syncIntegrationBody }, async (ctx, { params, body }) => {
      ctx.body = await catalog.requestSync(ctx.state.principal!, params.id, body);
      ctx.status = 202;
      ctx.set('Location', `/api/v1/integrations/${params.id}/sync`);
    }),
  );
  router.get(
    '/:id/sync',
    read,
    validated({ params: idParam }, async (ctx, { params }) => {
      ctx.body = await catalog.syncStatus(ctx.state.principal!, params.id);
    }),
  );
  return router;
}
