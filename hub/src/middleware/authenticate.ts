import type { Scope } from '@pixport/shared';
import type { AppContext, AppMiddleware } from '../context.js';
import { AppError } from '../errors.js';
import { safeEqual } from '../lib/ids.js';
import type { KeyVerifier } from '../services/key-verifier.js';
import { hasScope, type KeyPrincipal, type SessionPrincipal } from '../services/principal.js';
import type { SessionService } from '../services/session.service.js';

export const SESSION_COOKIE = 'pixport_session';
export const CSRF_COOKIE = 'pixport_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A required scope, or a list of which any one suffices (the first is the one named in errors). */
export type ScopeRequirement = Scope | readonly [Scope, ...Scope[]];

export interface Authenticators {
  /**
   * An API key, with an optional required scope. `formField` also reads the key from form field
   * `api_key`; `uploads` parses a multipart body with files once the key is verified.
   */
  key(options?: { scope?: ScopeRequirement; formField?: boolean; uploads?: boolean }): AppMiddleware;
  /** A dashboard session; unsafe methods must echo the CSRF token. API keys are refused. */
  session(): AppMiddleware;
  /** An API key (checked for `scope`) or a dashboard session. */
  keyOrSession(options?: { scope?: ScopeRequirement; uploads?: boolean }): AppMiddleware;
}

/**
 * The authenticated chain: named middleware that run on every route once its authenticator knows the
 * caller, listed in `app.ts`. Order: authenticator → `identified` (e.g. the rate limit) → the route's
 * scope → uploads → `authorized` (e.g. idempotency, around the route) → the route.
 */
export interface AuthChain {
  /** Once the principal is set (key verified, or session resolved and its CSRF token checked), before the scope check; may throw (429). */
  identified?: readonly AppMiddleware[];
  /** Around the rest of the route once it is authorized and its uploads read. */
  authorized?: readonly AppMiddleware[];
  /** Reads a multipart body with files, for routes that take uploads (after `identified`, before `authorized`). */
  uploads?: AppMiddleware;
  /** Reads a multipart body's fields only, for routes whose key may be a form field (before authentication). */
  formFields?: AppMiddleware;
}

/** Runs `middleware` in order, then `last`. */
async function run(middleware: readonly AppMiddleware[], ctx: AppContext, last: () => unknown): Promise<void> {
  const step = async (index: number): Promise<void> => {
    if (index === middleware.length) await last();
    else await middleware[index]!(ctx, () => step(index + 1));
  };
  return step(0);
}

export function authenticators(keys: KeyVerifier, sessions: SessionService, chain: AuthChain = {}): Authenticators {
  const identified = chain.identified ?? [];
  const authorized = chain.authorized ?? [];
  const around = (ctx: AppContext, next: () => Promise<unknown>) => run(authorized, ctx, next);
  // Uploads are read only now, once the caller is known (and past its rate limit), never before.
  const proceed = (ctx: AppContext, next: () => Promise<unknown>, uploads = false) =>
    uploads && chain.uploads ? chain.uploads(ctx, () => around(ctx, next)) : around(ctx, next);
  const fieldsFirst = async (ctx: AppContext, formField: boolean) => {
    if (formField && chain.formFields) await chain.formFields(ctx, async () => undefined);
  };
  const verifyKey = async (ctx: AppContext, raw: string) => {
    ctx.state.principal = await keys.verify(raw);
  };
  const checkScope = (ctx: AppContext, scope?: ScopeRequirement) => {
    const principal = ctx.state.principal;
    if (principal?.kind !== 'key') return;
    const accepted: readonly Scope[] = scope === undefined ? [] : typeof scope === 'string' ? [scope] : scope;
    if (accepted.length > 0 && !accepted.some((candidate) => hasScope(principal, candidate))) {
      const named = accepted.map((candidate) => `\`${candidate}\``).join(' or ');
      throw new AppError('insufficient_scope', `This API key lacks the ${named} scope.`, {
        extra: { required_scope: accepted[0] },
      });
    }
  };

  const verifySession = async (ctx: AppContext) => {
    const token = ctx.cookies.get(SESSION_COOKIE);
    const principal = token ? await sessions.resolve(token) : undefined;
    if (!principal) throw new AppError('unauthenticated', 'Sign in to the dashboard first.');
    if (UNSAFE.has(ctx.method)) checkCsrf(ctx, principal);
    ctx.state.principal = principal;
  };

  return {
    key: (options = {}) => async (ctx, next) => {
      await fieldsFirst(ctx, options.formField ?? false);
      const raw = keyFrom(ctx, options.formField ?? false);
      if (!raw) throw new AppError('missing_api_key', 'Send your API key in X-API-Key or Authorization: Bearer.');
      await verifyKey(ctx, raw);
      return run(identified, ctx, () => {
        checkScope(ctx, options.scope);
        return proceed(ctx, next, options.uploads);
      });
    },
    session: () => async (ctx, next) => {
      if (keyFrom(ctx, false) && !ctx.cookies.get(SESSION_COOKIE)) {
        throw new AppError('session_required', 'API keys cannot manage this resource; sign in to the dashboard.');
      }
      await verifySession(ctx);
      return run(identified, ctx, () => proceed(ctx, next));
    },
    keyOrSession: (options = {}) => async (ctx, next) => {
      const raw = keyFrom(ctx, false);
      if (raw) await verifyKey(ctx, raw);
      else if (ctx.cookies.get(SESSION_COOKIE)) await verifySession(ctx);
      else throw new AppError('missing_api_key', 'Send an API key (X-API-Key) or sign in to the dashboard.');
      return run(identified, ctx, () => {
        checkScope(ctx, options.scope);
        return proceed(ctx, next, options.uploads);
      });
    },
  };
}

/** Double submit: the header must equal both the readable cookie and the token stored with the session. */
function checkCsrf(ctx: AppContext, principal: SessionPrincipal): void {
  const header = ctx.get('X-CSRF-Token');
  const cookie = ctx.cookies.get(CSRF_COOKIE) ?? '';
  if (!header || !safeEqual(header, cookie) || !safeEqual(header, principal.csrfToken)) {
    throw new AppError('csrf_failed', 'Send the pixport_csrf cookie’s value in the X-CSRF-Token header.');
  }
}

function keyFrom(ctx: AppContext, formField: boolean): string | undefined {
  const header = ctx.get('X-API-Key');
  if (header) return header.trim();
  const authorization = ctx.get('Authorization');
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (bearer) return bearer[1];
  if (formField) {
    const body = ctx.request.body as Record<string, unknown> | undefined;
    const field = body?.api_key;
    if (typeof field === 'string' && field.trim()) return field.trim();
  }
  return undefined;
}

export function keyPrincipal(ctx: AppContext): KeyPrincipal {
  const principal = ctx.state.principal;
  if (principal?.kind !== 'key') throw new AppError('internal', 'route expected an API key principal');
  return principal;
}

export function sessionPrincipal(ctx: AppContext): SessionPrincipal {
  const principal = ctx.state.principal;
  if (principal?.kind !== 'session') throw new AppError('internal', 'route expected a session principal');
  return principal;
}
