import Router from '@koa/router';
import { loginBody, signupBody, switchOrgBody } from '@pixport/shared';
import type { AppContext, AppState } from '../context.js';
import type { Authenticators } from '../middleware/authenticate.js';
import { CSRF_COOKIE, SESSION_COOKIE, sessionPrincipal } from '../middleware/authenticate.js';
import { validated } from '../middleware/validate.js';
import type { AuthService } from '../services/auth.service.js';
import type { IssuedSession } from '../services/session.service.js';
import { clientAddress } from '../http/client-address.js';
import { requestMeta } from './request-meta.js';

/** Marks a browser that signed in to an account (see lib/device-token.ts); a year, HttpOnly. */
export const DEVICE_COOKIE = 'pixport_device';
const DEVICE_COOKIE_MS = 365 * 24 * 3600_000;

const signInMeta = (ctx: AppContext) => ({
  ...requestMeta(ctx),
  client: clientAddress(ctx) || null,
  deviceToken: ctx.cookies.get(DEVICE_COOKIE) ?? null,
});

export function authRoutes(auth: AuthService, authenticate: Authenticators, cookieSecure: boolean) {
  const router = new Router<AppState>();

  /**
   * With Secure cookies the browser's side is https (PUBLIC_URL says so, or COOKIE_SECURE): a TLS
   * proxy in front, whose plain-http hop Koa would otherwise call insecure and refuse the cookie
   * with an exception (every sign-in a 500) unless TRUST_PROXY lets it read X-Forwarded-Proto.
   */
  const secureCookies = (ctx: AppContext) => {
    if (cookieSecure) ctx.cookies.secure = true;
    return ctx.cookies;
  };

  const setSessionCookies = (ctx: AppContext, session: IssuedSession, deviceToken: string) => {
    const cookies = secureCookies(ctx);
    const common = {
      secure: cookieSecure,
      sameSite: 'lax' as const,
      expires: session.expiresAt,
      overwrite: true,
    };
    cookies.set(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
    // Readable by the dashboard's scripts, which echo it in X-CSRF-Token.
    cookies.set(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
    cookies.set(DEVICE_COOKIE, deviceToken, { ...common, expires: new Date(Date.now() + DEVICE_COOKIE_MS), httpOnly: true });
  };

  router.get('/api/auth/setup', async (ctx) => {
    ctx.body = await auth.setupStatus();
  });

  router.post(
    '/api/auth/signup',
    validated({ body: signupBody }, async (ctx, { body }) => {
      const { me, session, deviceToken } = await auth.signup(body, signInMeta(ctx));
      setSessionCookies(ctx, session, deviceToken);
      ctx.status = 201;
      ctx.body = me;
    }),
  );

  router.post(
    '/api/auth/login',
    validated({ body: loginBody }, async (ctx, { body }) => {
      const { me, session, deviceToken } = await auth.login(body, signInMeta(ctx));
      setSessionCookies(ctx, session, deviceToken);
      ctx.body = me;
    }),
  );

  router.post('/api/auth/logout', authenticate.session(), async (ctx) => {
    await auth.logout(sessionPrincipal(ctx));
    // The device cookie stays: signing out does not make the browser a stranger to the account.
    const cookies = secureCookies(ctx);
    cookies.set(SESSION_COOKIE, '', { maxAge: 0, httpOnly: true, sameSite: 'lax', secure: cookieSecure });
    cookies.set(CSRF_COOKIE, '', { maxAge: 0, httpOnly: false, sameSite: 'lax', secure: cookieSecure });
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
