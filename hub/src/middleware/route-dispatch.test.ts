import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Koa from 'koa';
import type { AppState } from '../context.js';
import { literalSegments, routeDispatch } from './route-dispatch.js';

/** Area routers shaped like the hub's: prefixed and not, params, nested prefixes sharing a head. */
function areaRouters(): Router<AppState>[] {
  const answer = (name: string) => (ctx: Koa.Context) => {
    ctx.body = {
      name,
      params: ctx.params,
      route: (ctx as Koa.Context & { _matchedRoute?: string })._matchedRoute,
    };
  };
  const health = new Router<AppState>();
  health.get('/healthz', answer('healthz'));
  const keys = new Router<AppState>({ prefix: '/api/v1/keys' });
  keys
    .get('/', answer('keys.list'))
    .post('/', answer('keys.create'))
    .post('/:id/rotate', answer('keys.rotate'));
  const orgs = new Router<AppState>({ prefix: '/api/v1' });
  orgs.get('/orgs/:id/members', answer('orgs.members')).get('/audit', answer('audit'));
  const images = new Router<AppState>();
  images.post('/api/v1/process', answer('process')).get('/api/v1/:operation/info', answer('operation.info'));
  const publicResults = new Router<AppState>({ prefix: '/api/v1/public/results' });
  publicResults.get('/:token', answer('public.result'));
  const plugin = new Router<AppState>({ prefix: '/api/wordpress-plugin' });
  plugin.post('/auth/validate', answer('validate'));
  return [health, keys, orgs, images, publicResults, plugin];
}

function appWith(mount: (app: Koa<AppState>, routers: Router<AppState>[]) => void) {
  const app = new Koa<AppState>();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const problem = error as { status?: number; options?: { headers?: Record<string, string> } };
      ctx.status = problem.status ?? 500;
      ctx.set(problem.options?.headers ?? {});
      ctx.body = { error: ctx.status };
    }
  });
  mount(app, areaRouters());
  // Like the dashboard's assets: answers what no route took, outside /api.
  app.use((ctx) => {
    if (!ctx.path.startsWith('/api')) ctx.body = { fallthrough: ctx.path };
  });
  return app;
}

async function listen(app: Koa<AppState>) {
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('routeDispatch', () => {
  const servers: http.Server[] = [];
  let sequential: string;
  let dispatched: string;

  beforeAll(async () => {
    const one = await listen(
      appWith((app, routers) => {
        for (const router of routers) app.use(router.routes()).use(router.allowedMethods());
      }),
    );
    const two = await listen(appWith((app, routers) => app.use(routeDispatch(routers))));
    servers.push(one.server, two.server);
    sequential = one.url;
    dispatched = two.url;
  });
  afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

  const requests: [string, string][] = [
    ['GET', '/healthz'],
    ['GET', '/HEALTHZ'],
    ['GET', '/healthz/'],
    ['GET', '/api/v1/keys'],
    ['POST', '/api/v1/keys/'],
    ['POST', '/api/v1/keys/k_1/rotate'],
    ['GET', '/api/v1/keys/k_1/rotate'],
    ['DELETE', '/api/v1/keys'],
    ['GET', '/api/v1/orgs/o_1/members'],
    ['GET', '/api/v1/audit'],
    ['POST', '/api/v1/process'],
    ['GET', '/api/v1/process'],
    ['GET', '/api/v1/remove-background/info'],
    ['GET', '/api/v1/public/results/tok_1'],
    ['POST', '/api/wordpress-plugin/auth/validate'],
    ['GET', '/api/wordpress-plugin/auth/validate'],
    ['POST', '/Api/WordPress-Plugin/auth/validate'],
    ['GET', '/'],
    ['GET', '/assets/app.js'],
    ['GET', '/api/v2/keys'],
    ['GET', '/api'],
    ['GET', '//api/v1/keys'],
  ];

  it.each(requests)('%s %s answers as the routers mounted one after another', async (method, path) => {
    const [expected, actual] = await Promise.all(
      [sequential, dispatched].map(async (base) => {
        const response = await fetch(base + path, { method });
        const body = await response.text();
        // Errors: the routers alone answer a bare status, the dispatcher problem details.
        return {
          status: response.status,
          allow: response.headers.get('allow'),
          body: response.ok ? body : undefined,
        };
      }),
    );
    expect(actual).toEqual(expected);
  });

  it('answers a route, a 405 and a fall-through as a check that the comparison is not vacuous', async () => {
    const validate = await fetch(`${dispatched}/api/wordpress-plugin/auth/validate`, { method: 'POST' });
    expect(await validate.json()).toMatchObject({
      name: 'validate',
      route: '/api/wordpress-plugin/auth/validate',
    });
    const wrongMethod = await fetch(`${dispatched}/api/v1/process`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(await (await fetch(`${dispatched}/assets/app.js`)).json()).toEqual({
      fallthrough: '/assets/app.js',
    });
  });
});

describe('literalSegments', () => {
  it('keeps the whole segments before the first parameter, lower-cased, at most three', () => {
    expect(literalSegments('/api/v1/keys/:id/rotate')).toEqual(['api', 'v1', 'keys']);
    expect(literalSegments('/api/v1/:operation/info')).toEqual(['api', 'v1']);
    expect(literalSegments('/files/x-:id')).toEqual(['files']);
    expect(literalSegments('/Healthz')).toEqual(['healthz']);
    expect(literalSegments('/')).toEqual([]);
    expect(literalSegments('/api/v1/public/results/:token')).toEqual(['api', 'v1', 'public']);
  });
});
