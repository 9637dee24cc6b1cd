import Router from '@koa/router';
import { createWebhookBody, endpointDeliveriesQuery, idParam, updateWebhookBody, webhookDeliveriesQuery } from '@pixport/shared';
import type { AppState } from '../context.js';
import type { Authenticators } from '../middleware/authenticate.js';
import { validated } from '../middleware/validate.js';
import type { WebhookSubscriptions } from '../webhooks/subscription.service.js';
import { requestMeta } from './request-meta.js';

/** Webhook subscriptions, the event catalogue, test pings, the delivery log and redelivery. */
export function webhookRoutes(webhooks: WebhookSubscriptions, authenticate: Authenticators) {
  const router = new Router<AppState>({ prefix: '/api/v1/webhooks' });
  const auth = authenticate.keyOrSession({ scope: 'webhooks:manage' });

  // Fixed paths first: `events` and `deliveries` are not subscription ids.
  router.get('/events', auth, (ctx) => {
    ctx.body = { data: webhooks.catalogue() };
  });
  router.get(
    '/deliveries',
    auth,
    validated({ query: webhookDeliveriesQuery }, async (ctx, { query }) => {
      ctx.body = await webhooks.allDeliveries(ctx.state.principal!, query);
    }),
  );
  router.post(
    '/deliveries/:id/redeliver',
    auth,
    validated({ params: idParam }, async (ctx, { params }) => {
      ctx.status = 202;
      ctx.body = await webhooks.redeliver(ctx.state.principal!, params.id, requestMeta(ctx));
    }),
  );
  router.post(
    '/',
    auth,
    validated({ body: createWebhookBody }, async (ctx, { body }) => {
      ctx.status = 201;
      ctx.body = await webhooks.create(ctx.state.principal!, body, requestMeta(ctx));
    }),
  );
  router.get('/', auth, async (ctx) => {
    ctx.body = { data: await webhooks.list(ctx.state.principal!) };
  });
  router.get(
    '/:id',
    auth,
    validated({ params: idParam }, async (ctx, { params }) => {
      ctx.body = await webhooks.get(ctx.state.principal!, params.id);
    }),
  );
  router.patch(
    '/:id',
    auth,
    validated({ params: idParam, body: updateWebhookBody }, async (ctx, { params, body }) => {
      ctx.body = await webhooks.update(ctx.state.principal!, params.id, body, requestMeta(ctx));
    }),
  );
  router.delete(
    '/:id',
    auth,
    validated({ params: idParam }, async (ctx, { params }) => {
      await webhooks.remove(ctx.state.principal!, params.id, requestMeta(ctx));
      ctx.status = 204;
    }),
  );
  router.post(
    '/:id/test',
    auth,
    validated({ params: idParam }, async (ctx, { params }) => {
      ctx.body = await webhooks.ping(ctx.state.principal!, params.id);
    }),
  );
  router.get(
    '/:id/deliveries',
    auth,
    validated({ params: idParam, query: endpointDeliveriesQuery }, async (ctx, { params, query }) => {
      ctx.body = await webhooks.deliveries(ctx.state.principal!, params.id, query);
    }),
  );
  return router;
}
