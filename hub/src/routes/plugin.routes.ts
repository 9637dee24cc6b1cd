import Router from '@koa/router';
import { resolveOperation, usageReportBody } from '@pixport/shared';
import type { AppMiddleware, AppState } from '../context.js';
import { AppError } from '../errors.js';
import type { Authenticators } from '../middleware/authenticate.js';
import { keyPrincipal } from '../middleware/authenticate.js';
import { validated } from '../middleware/validate.js';
import type { PluginService } from '../services/plugin.service.js';

/** The WordPress plugin's contract (seed routes, unversioned): key in form field `api_key` or a header. */
export function pluginRoutes(plugin: PluginService, authenticate: Authenticators) {
  const router = new Router<AppState>({ prefix: '/api/wordpress-plugin' });

  router.post('/auth/validate', answersValidFalse, authenticate.key({ formField: true }), async (ctx) => {
    ctx.state.operation = 'auth.validate';
    ctx.body = await plugin.validate(keyPrincipal(ctx));
  });

  router.post(
    '/usage/report',
    authenticate.key({ formField: true, scope: 'usage:report' }),
    validated({ body: usageReportBody }, async (ctx, { body }) => {
      ctx.state.operation = resolveOperation(body.tool);
      ctx.state.units = body.count;
      ctx.body = await plugin.report(keyPrincipal(ctx), body);
    }),
  );
  return router;
}

/** The seed contract: a refused key answers its problem details with `valid: false`. */
const answersValidFalse: AppMiddleware = async (_ctx, next) => {
  try {
    await next();
  } catch (error) {
    if (error instanceof AppError && error.status === 401) {
      throw new AppError(error.code, error.detail, {
        ...error.options,
        extra: { ...error.options.extra, valid: false },
      });
    }
    throw error;
  }
};
