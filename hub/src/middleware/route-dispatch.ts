import type Router from '@koa/router';
import compose from 'koa-compose';
import type { AppMiddleware, AppState } from '../context.js';
import { AppError } from '../errors.js';

/** How many leading path segments index a route (`/api/v1/keys`): enough to tell every area apart. */
const INDEXED_SEGMENTS = 3;
const MAX_REMEMBERED_HEADS = 1000;

/**
 * Mounts the area routers behind one index. Mounted one after another, every request would pass
 * through each router in turn (match, not-found event, allowed-methods wrapper) until one answers;
 * here a request only runs the routers that have a route whose literal start fits its path — the
 * same routers, in the same order, that could match it — so the answer is the one sequential
 * mounting gives, for a fraction of the work.
 */
export function routeDispatch(routers: readonly Router<AppState>[]): AppMiddleware {
  const mounted = routers.map(
    (router) => compose([router.routes(), router.allowedMethods()]) as AppMiddleware,
  );
  const index = new Map<string, Set<number>>();
  routers.forEach((router, position) => {
    for (const layer of router.stack) {
      const key = typeof layer.path === 'string' ? indexKey(literalSegments(layer.path)) : '';
      if (!index.has(key)) index.set(key, new Set());
      index.get(key)!.add(position);
    }
  });

  // One composed chain per distinct set of candidate routers (a handful in all).
  const chains = new Map<string, AppMiddleware>();
  const chainOf = (positions: readonly number[]): AppMiddleware | undefined => {
    if (positions.length === 0) return undefined;
    const id = positions.join(',');
    let chain = chains.get(id);
    if (!chain) {
      chain = compose(positions.map((position) => mounted[position]!)) as AppMiddleware;
      chains.set(id, chain);
    }
    return chain;
  };
  // The chain for each indexed path head, and for what lies under it: a request needs one lookup.
  const byHead = new Map<string, AppMiddleware | undefined>();
  const chainFor = (path: string): AppMiddleware | undefined => {
    const head = pathHead(path);
    if (byHead.has(head)) return byHead.get(head);
    const segments = head.split('/').slice(1);
    const candidates = new Set<number>();
    for (let length = segments.length; length >= 0; length--) {
      for (const position of index.get(indexKey(segments.slice(0, length))) ?? []) candidates.add(position);
    }
    const chain = chainOf([...candidates].sort((a, b) => a - b));
    // Heads come from request paths (anything a client sends), so the memo is bounded.
    if (byHead.size < MAX_REMEMBERED_HEADS) byHead.set(head, chain);
    return chain;
  };

  return async (ctx, next) => {
    const chain = chainFor(ctx.path);
    if (!chain) return next();
    await chain(ctx, next);
    // The routers answer a known path with a wrong method by status and `Allow` only; RFC 9110 wants
    // that header on the 405, so it travels on the problem details.
    if ((ctx.status === 405 || ctx.status === 501) && ctx.body === undefined) {
      const allow = ctx.response.get('Allow');
      throw new AppError(
        'method_not_allowed',
        `${ctx.method} is not allowed on ${ctx.path}${allow ? `; use ${allow}` : ''}.`,
        {
          headers: allow ? { Allow: allow } : {},
        },
      );
    }
  };
}

/** A request path's first indexed segments, lower-cased: `/API/v1/keys/k_1/rotate` → `/api/v1/keys`. */
function pathHead(path: string): string {
  let end = 0;
  for (let seen = 0; seen < INDEXED_SEGMENTS; seen++) {
    const slash = path.indexOf('/', end + 1);
    if (slash === -1) return path.toLowerCase();
    end = slash;
  }
  return path.slice(0, end).toLowerCase();
}

/**
 * The whole segments before the first parameter, wildcard or group of a route path, lower-cased
 * (the routers match case-insensitively): `/api/v1/keys/:id/rotate` → `api, v1, keys`.
 */
export function literalSegments(path: string): string[] {
  const special = path.search(/[:*{(]/);
  const literal = special === -1 ? path : path.slice(0, path.lastIndexOf('/', special) + 1);
  return literal
    .toLowerCase()
    .split('/')
    .filter((segment) => segment !== '')
    .slice(0, INDEXED_SEGMENTS);
}

function indexKey(segments: readonly string[]): string {
  return segments.length === 0 ? '' : `/${segments.join('/')}`;
}
