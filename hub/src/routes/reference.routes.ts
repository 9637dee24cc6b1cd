import Router from '@koa/router';
import { buildOpenApiDocument, buildPostmanCollection } from '@pixport/shared';
import type { AppState } from '../context.js';

/** OpenAPI 3.1 (generated from the zod schemas) and a Postman collection; /docs renders it (the dashboard build). */
export function referenceRoutes(publicUrl: string | undefined) {
  const router = new Router<AppState>();
  // Built once per app: the contract cannot change while the process runs.
  const document = buildOpenApiDocument({ serverUrl: publicUrl });
  const postman = buildPostmanCollection(document as never, publicUrl);

  router.get('/api/v1/openapi', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = document;
  });
  router.get('/api/v1/postman', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.set('Content-Disposition', 'inline; filename="pixport.postman_collection.json"');
    ctx.body = postman;
  });
  // The page itself (Scalar over /api/v1/openapi, with the dashboard's CSP) is a build output that
  // middleware/dashboard-assets.ts serves; the route is declared here so the contract keeps listing it.
  router.get('/docs', (_ctx, next) => next());
  return router;
}
