import Router from '@koa/router';
import { buildOpenApiDocument, buildPostmanCollection } from '@pixport/shared';
import type { AppState } from '../context.js';
import { renderDocsPage } from '../reference/docs-page.js';

/** OpenAPI 3.1 (generated from the zod schemas), a Postman collection and the rendered reference. */
export function referenceRoutes(publicUrl: string | undefined) {
  const router = new Router<AppState>();
  // Built once per app: the contract cannot change while the process runs.
  const document = buildOpenApiDocument({ serverUrl: publicUrl });
  const postman = buildPostmanCollection(document as never, publicUrl);
  const page = renderDocsPage(document as never);

  router.get('/api/v1/openapi', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = document;
  });
  router.get('/api/v1/postman', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.set('Content-Disposition', 'inline; filename="pixport.postman_collection.json"');
    ctx.body = postman;
  });
  router.get('/docs', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.type = 'html';
    ctx.body = page;
  });
  return router;
}
