// The pages' API (api/contract.ts): every route behind the session token, thin: validate → service → respond.
import Router from '@koa/router';
import type { Shopify } from '@shopify/shopify-api';
import type { AppState } from '../context.js';
import { requireSessionToken } from '../middleware/session-token.js';
import type { AutomationService } from '../services/automation.service.js';
import type { CatalogService } from '../services/catalog.service.js';
import type { JobsService } from '../services/jobs.service.js';
import type { ReviewService } from '../services/review.service.js';
import type { StatusService } from '../services/status.service.js';
import * as schemas from './schemas.js';
import { jsonBody, parse } from './validate.js';

export interface ApiServices {
  status: StatusService;
  catalog: CatalogService;
  jobs: JobsService;
  review: ReviewService;
  automation: AutomationService;
}

export function apiRouter(shopify: Shopify, services: ApiServices): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api' });
  router.use(requireSessionToken(shopify));
  const { status, catalog, jobs, review, automation } = services;

  router.get('/status', async (ctx) => {
    ctx.body = await status.status(ctx.state.shop);
  });
  router.post('/dashboard-link', async (ctx) => {
    ctx.body = await status.dashboardLink(ctx.state.shop);
  });
  router.get('/usage', async (ctx) => {
    ctx.body = await status.usage(ctx.state.shop, parse(schemas.usageQuery, ctx.query).days);
  });

  router.get('/catalog/sync', async (ctx) => {
    ctx.body = await catalog.syncState(ctx.state.shop);
  });
  router.post('/catalog/sync', async (ctx) => {
    ctx.body = await catalog.startSync(ctx.state.shop);
  });
  router.get('/products', async (ctx) => {
    const { cursor, limit, ...filters } = parse(schemas.productsQuery, ctx.query);
    ctx.body = await catalog.products(ctx.state.shop, filters, cursor, limit);
  });
  router.get('/products/facets', async (ctx) => {
    ctx.body = await catalog.facets(ctx.state.shop);
  });
  router.get('/presets', async (ctx) => {
    ctx.body = { presets: await catalog.presets(ctx.state.shop) };
  });
  router.post('/previews', async (ctx) => {
    ctx.body = await catalog.previews(ctx.state.shop, parse(schemas.previewBody, await jsonBody(ctx)));
  });
  router.post('/estimates', async (ctx) => {
    ctx.body = await catalog.estimate(ctx.state.shop, parse(schemas.estimateBody, await jsonBody(ctx)));
  });

  router.post('/jobs', async (ctx) => {
    ctx.status = 201;
    ctx.body = await jobs.create(ctx.state.shop, parse(schemas.createJobBody, await jsonBody(ctx)));
  });
  router.get('/jobs', async (ctx) => {
    const query = parse(schemas.pageQuery, ctx.query);
    ctx.body = await jobs.list(ctx.state.shop, query.cursor, query.limit);
  });
  router.get('/jobs/:id', async (ctx) => {
    ctx.body = await jobs.get(ctx.state.shop, ctx.params.id!);
  });
  for (const action of ['pause', 'resume', 'cancel'] as const) {
    router.post(`/jobs/:id/${action}`, async (ctx) => {
      ctx.body = await jobs.control(ctx.state.shop, ctx.params.id!, action);
    });
  }
  router.get('/jobs/:id/items', async (ctx) => {
    ctx.body = await review.list(ctx.state.shop, ctx.params.id!, parse(schemas.itemsQuery, ctx.query));
  });
  router.post('/jobs/:id/review', async (ctx) => {
    ctx.body = await review.review(ctx.state.shop, ctx.params.id!, parse(schemas.reviewBody, await jsonBody(ctx)));
  });
  router.post('/jobs/:id/publish', async (ctx) => {
    ctx.body = await review.publish(ctx.state.shop, ctx.params.id!, parse(schemas.publishBody, await jsonBody(ctx)));
  });
  router.post('/restore', async (ctx) => {
    ctx.body = await review.restore(ctx.state.shop, parse(schemas.restoreBody, await jsonBody(ctx)));
  });

  router.get('/automation', async (ctx) => {
    ctx.body = await automation.get(ctx.state.shop);
  });
  router.put('/automation', async (ctx) => {
    ctx.body = await automation.put(ctx.state.shop, parse(schemas.automationBody, await jsonBody(ctx)));
  });
  return router;
}
