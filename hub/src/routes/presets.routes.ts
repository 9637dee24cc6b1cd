import Router from '@koa/router';
import { createPresetBody, idParam, updatePresetBody } from '@pixport/shared';
import type { AppState } from '../context.js';
import type { Authenticators } from '../middleware/authenticate.js';
import { validated } from '../middleware/validate.js';
import type { PresetService } from '../services/preset.service.js';
import { requestMeta } from './request-meta.js';

/** Saved automation presets (an operation, its parameters, an optional task callback). */
export function presetRoutes(presets: PresetService, authenticate: Authenticators) {
  const router = new Router<AppState>({ prefix: '/api/v1/presets' });
  const auth = authenticate.keyOrSession({ scope: 'presets:manage' });

  router.post(
    '/',
    auth,
    validated({ body: createPresetBody }, async (ctx, { body }) => {
      ctx.status = 201;
      ctx.body = await presets.create(ctx.state.principal!, body, requestMeta(ctx));
    }),
  );
  router.get('/', auth, async (ctx) => {
    ctx.body = { data: await presets.list(ctx.state.principal!) };
  });
  router.get(
    '/:id',
    auth,
    validated({ params: idParam }, async (ctx, { params }) => {
      ctx.body = await presets.get(ctx.state.principal!, params.id);
    }),
  );
  router.patch(
    '/:id',
    auth,
    validated({ params: idParam, body: updatePresetBody }, async (ctx, { params, body }) => {
      ctx.body = await presets.update(ctx.state.principal!, params.id, body, requestMeta(ctx));
    }),
  );
  router.delete(
    '/:id',
    auth,
    validated({ params: idParam }, async (ctx, { params }) => {
      await presets.remove(ctx.state.principal!, params.id, requestMeta(ctx));
      ctx.status = 204;
    }),
  );
  return router;
}
