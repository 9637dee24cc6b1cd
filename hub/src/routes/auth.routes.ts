import Router from '@koa/router';
import { loginBody, signupBody, switchOrgBody } from '@pixport/shared';
import type { AppContext, AppState } from '../context.js';
import type { Authenticators } from '../middleware/authenticate.js';
import { CSRF_COOKIE, SESSION_COOKIE, sessionPrincipal } from '../middleware/authenticate.js';
import { validated } from '../middleware/validate.js';
import type { AuthService } from '../services/auth.service.js';
import type { IssuedSession } from '../services/session.service.js';
import { requestMeta } from './request-meta.js';

export function authRoutes(auth: AuthService, authenticate: Authenticators, cookieSecure: boolean) {
  const router = new Router<AppState>();

  const setSessionCookies = (ctx: AppContext, session: IssuedSession) => {
    const common = {
      secure: cookieSecure,
      sameSite: 'lax' as const,
      expires: session.expiresAt,
      overwrite: true,
    };
    ctx.cookies.set(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
    // Readable by the dashboard's scripts, which echo it in X-CSRF-Token.
    ctx.cookies.set(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
  };

  router.get('/api/auth/setup', async (ctx) => {
    ctx.body = await auth.setupStatus();
  });

  router.post(
    '/api/auth/signup',
    validated({ body: signupBody }, async (ctx, { body }) => {
      const { me, session } = await auth.signup(body, requestMeta(ctx));
      setSessionCookies(ctx, session);
      ctx.status = 201;
      ctx.body = me;
    }),
  );

  router.post(
    '/api/auth/login',
    validated({ body: loginBody }, async (ctx, { body }) => {
      const { me, session } = await auth.login(body, requestMeta(ctx));
      setSessionCookies(ctx, session);
      ctx.body = me;
    }),
  );

  router.post('/api/auth/logout', authenticate.session(), async (ctx) => {
    await auth.logout(sessionPrincipal(ctx));
    ctx.cookies.set(SESSION_COOKIE, '', { maxAge: 0, httpOnly: true, sameSite: 'lax', secure: cookieSecure });
    ctx.cookies.set(CSRF_COOKIE, '', { maxAge: 0, httpOnly: false, sameSite: 'lax', secure: cookieSecure });
    ctx.body = { ok: true };
  });

  router.get('/api/auth/me', authenticate.session(), async (ctx) => {
    const principal = sessionPrincipal(ctx);
    ctx.body = await auth.me(principal.userId, principal.organizationId, principal.csrfToken);
  });

  router.post(
    '/api/auth/switch-organization',
    authenticate.session(),
    validated({ body: switchOrgBody }, async (ctx, { body }) => {
      ctx.body = await auth.switchOrganization(sessionPrincipal(ctx), body.organization_id);
    }),
  );

  return router;
}
