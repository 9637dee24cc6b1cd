import Router from '@koa/router';
import { installBody, shopParams, signInQuery, tokenBody } from '@pixport/shared';
import type { AppContext, AppState } from '../context.js';
import type { Authenticators } from '../middleware/authenticate.js';
import { CSRF_COOKIE, SESSION_COOKIE, sessionPrincipal } from '../middleware/authenticate.js';
import { appLinkEnabled, appLinkGuard, count, type AppLinkGuardOptions } from '../middleware/app-link.js';
import { validated } from '../middleware/validate.js';
import type { AppInstallationService } from '../services/app-installation.service.js';
import type { AppLinkTokens } from '../services/app-link-tokens.js';
import type { IssuedSession } from '../services/session.service.js';
import type { ThrottleService } from '../services/throttle.service.js';
import { requestMeta } from './request-meta.js';

export interface AppRouteOptions extends AppLinkGuardOptions {
  /** PUBLIC_URL, for dashboard links (else the request's own origin). */
  publicUrl: string | undefined;
  cookieSecure: boolean;
}

/** The Shopify app's hub link (docs/hub-app-link.md). */
export function appRoutes(
  installations: AppInstallationService,
  tokens: AppLinkTokens,
  throttle: ThrottleService,
  authenticate: Authenticators,
  options: AppRouteOptions,
) {
  const router = new Router<AppState>({ prefix: '/api/v1/apps/shopify' });
  const app = appLinkGuard(throttle, options);

  router.post(
    '/installations',
    app,
    validated({ body: installBody }, async (ctx, { body }) => {
      ctx.body = await installations.install(body, requestMeta(ctx));
    }),
  );
  router.get(
    '/installations/:shop',
    app,
    validated({ params: shopParams }, async (ctx, { params }) => {
      ctx.body = { installation: await installations.get(params.shop, requestMeta(ctx)) };
    }),
  );
  router.put(
    '/installations/:shop/token',
    app,
    validated({ params: shopParams, body: tokenBody }, async (ctx, { params, body }) => {
      ctx.body = { installation: await installations.updateToken(params.shop, body, requestMeta(ctx)) };
    }),
  );
  router.post(
    '/installations/:shop/uninstall',
    app,
    validated({ params: shopParams }, async (ctx, { params }) => {
      ctx.body = { installation: await installations.uninstall(params.shop, requestMeta(ctx)) };
    }),
  );
  router.delete(
    '/installations/:shop',
    app,
    validated({ params: shopParams }, async (ctx, { params }) => {
      await installations.erase(params.shop, requestMeta(ctx));
      ctx.status = 204;
    }),
  );
  router.post(
    '/installations/:shop/dashboard-link',
    app,
    validated({ params: shopParams }, async (ctx, { params }) => {
      ctx.body = await installations.dashboardLink(params.shop, options.publicUrl ?? `${ctx.protocol}://${ctx.host}`, requestMeta(ctx));
    }),
  );
  router.post('/link-codes', appLinkEnabled(options.secret), authenticate.session(), async (ctx) => {
    ctx.status = 201;
    ctx.body = await tokens.createLinkCode(sessionPrincipal(ctx), requestMeta(ctx));
  });
  router.get(
    '/sign-in',
    appLinkEnabled(options.secret),
    async (ctx, next) => {
      await count(throttle, `app-link:sign-in:${ctx.ip}`, options.perMinute);
      return next();
    },
    validated({ query: signInQuery }, async (ctx, { query }) => {
      setSessionCookies(ctx, await tokens.signIn(query.token, requestMeta(ctx)), options.cookieSecure);
      // The token is spent; keep it out of the next page's Referer and history.
      ctx.set('Referrer-Policy', 'no-referrer');
      ctx.set('Cache-Control', 'no-store');
      ctx.status = 303;
      ctx.redirect('/');
    }),
  );
  return router;
}

/** The same cookies as a password sign-in (auth.routes.ts). */
function setSessionCookies(ctx: AppContext, session: IssuedSession, secure: boolean): void {
  const common = { secure, sameSite: 'lax' as const, expires: session.expiresAt, overwrite: true };
  ctx.cookies.set(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  ctx.cookies.set(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}
