import Router from '@koa/router';
import { createKeyBody, idParam, rotateKeyBody, updateKeyBody } from '@pixport/shared';
import type { AppState } from '../context.js';
import type { Authenticators } from '../middleware/authenticate.js';
import { sessionPrincipal } from '../middleware/authenticate.js';
import { validated } from '../middleware/validate.js';
import type { ApiKeyService } from '../services/api-key.service.js';
import { requestMeta } from './request-meta.js';

/** Key management: dashboard sessions only (an API key can never create, rotate or revoke keys). */
export function keyRoutes(keys: ApiKeyService, authenticate: Authenticators) {
  const router = new Router<AppState>({ prefix: '/api/v1/keys' });
  const session = authenticate.session();

  router.post(
    '/',
    session,
    validated({ body: createKeyBody }, async (ctx, { body }) => {
      ctx.status = 201;
      ctx.body = await keys.create(sessionPrincipal(ctx), body, requestMeta(ctx));
    }),
  );
  router.get('/', session, async (ctx) => {
    ctx.body = { data: await keys.list(sessionPrincipal(ctx)) };
  });
  router.post(
    '/:id/rotate',
    session,
    validated({ params: idParam, body: rotateKeyBody }, async (ctx, { params, body }) => {
      ctx.status = 201;
      ctx.body = await keys.rotate(sessionPrincipal(ctx), params.id, body.grace_seconds, requestMeta(ctx));
    }),
  );
  router.patch(
    '/:id',
    session,
    validated({ params: idParam, body: updateKeyBody }, async (ctx, { params, body }) => {
      ctx.body = await keys.update(sessionPrincipal(ctx), params.id, body, requestMeta(ctx));
    }),
  );
  router.delete(
    '/:id',
    session,
    validated({ params: idParam }, async (ctx, { params }) => {
      await keys.remove(sessionPrincipal(ctx), params.id, requestMeta(ctx));
      ctx.status = 204;
    }),
  );
  return router;
}
