import Router from '@koa/router';
import { idParam, publishBody, publishEventsQuery } from '@pixport/shared';
import type { AppState } from '../context.js';
import type { Authenticators } from '../middleware/authenticate.js';
import { validated } from '../middleware/validate.js';
import type { PublishService } from '../services/publish.service.js';

/** Direct publish to a marketplace, and the publish activity. */
export function publishRoutes(publish: PublishService, authenticate: Authenticators) {
  const router = new Router<AppState>({ prefix: '/api/v1/publish' });
  const read = authenticate.keyOrSession({ scope: 'marketplace:read' });

  router.post(
    '/',
    authenticate.keyOrSession({ scope: 'marketplace:publish' }),
    validated({ body: publishBody }, async (ctx, { body }) => {
      const event = await publish.request(ctx.state.principal!, body);
      ctx.status = 202;
      ctx.set('Location', `/api/v1/publish/events/${event.id}`);
      ctx.body = event;
    }),
  );
  router.get(
    '/events',
    read,
    validated({ query: publishEventsQuery }, async (ctx, { query }) => {
      ctx.body = await publish.list(ctx.state.principal!, query);
    }),
  );
  router.get(
    '/events/:id',
    read,
    validated({ params: idParam }, async (ctx, { params }) => {
      ctx.body = await publish.get(ctx.state.principal!, params.id);
    }),
  );
  router.post(
    '/events/:id/restore',
    authenticate.keyOrSession({ scope: 'marketplace:publish' }),
    validated({ params: idParam }, async (ctx, { params }) => {
      ctx.body = await publish.restore(ctx.state.principal!, params.id);
    }),
  );
  return router;
}
