// The app server assembled: database, Shopify library, hub gateway, services, worker, Koa app.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import type { Shopify } from '@shopify/shopify-api';
import Koa from 'koa';
import type { DataSource } from 'typeorm';
import type { Config } from './config.js';
import type { AppState } from './context.js';
import { openDatabase } from './db/data-source.js';
import { AppError } from './errors.js';
import { HubGateway } from './hub/hub-gateway.js';
import { SecretBox } from './lib/secret-box.js';
import { MediaSigner } from './lib/signed-url.js';
import { createLogger, type Logger } from './logger.js';
import { errorHandler } from './middleware/error-handler.js';
import { apiRouter } from './routes/api.routes.js';
import { assetHandler, documentHandler } from './routes/document.routes.js';
import { AutomationService } from './services/automation.service.js';
import { CatalogService } from './services/catalog.service.js';
import { FingerprintService } from './services/fingerprint.service.js';
import { InstallService } from './services/install.service.js';
import { JobsService } from './services/jobs.service.js';
import { MediaService } from './services/media.service.js';
import { ReviewService } from './services/review.service.js';
import { ShopContexts } from './services/shop-context.js';
import { ShopDataService } from './services/shop-data.service.js';
import { StatusService } from './services/status.service.js';
import { createShopify } from './shopify/shopify-api.js';
import { TypeOrmSessionStorage } from './shopify/typeorm-session-storage.js';
import { WebhookHandlers } from './webhooks/webhook-handlers.js';
import { webhookHandler } from './webhooks/webhook.routes.js';
import { TaskQueue } from './worker/task-queue.js';
import { runTask } from './worker/task-runner.js';

export interface AppServer {
  app: Koa<AppState>;
  config: Config;
  dataSource: DataSource;
  shopify: Shopify;
  queue: TaskQueue;
  services: {
    install: InstallService;
    catalog: CatalogService;
    jobs: JobsService;
    review: ReviewService;
    automation: AutomationService;
    status: StatusService;
    shopData: ShopDataService;
    fingerprints: FingerprintService;
    webhooks: WebhookHandlers;
    sessions: TypeOrmSessionStorage;
    gateway: HubGateway;
  };
  logger: Logger;
  /** Runs every due webhook event and task now (tests; the worker does the same on its timer). */
  drain(): Promise<number>;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export async function openAppServer(config: Config, options: { logger?: Logger; runWorker?: boolean } = {}): Promise<AppServer> {
  const logger = options.logger ?? createLogger(config);
  const dataSource: DataSource = await openDatabase(config);
  const shopify = createShopify(config, logger);
  const box = new SecretBox(config.secretsKey);
  const signer = new MediaSigner(config.secretsKey);
  const sessions = new TypeOrmSessionStorage(dataSource, box);
  const gateway = new HubGateway(config);
  const queue = new TaskQueue(dataSource, logger, config.workerPollMs);
  const install = new InstallService(dataSource, shopify, sessions, gateway, box, logger);
  const contexts = new ShopContexts(install, gateway);
  const catalog = new CatalogService(contexts, signer);
  const fingerprints = new FingerprintService(dataSource, catalog);
  const jobs = new JobsService(dataSource, contexts, catalog, queue);
  const automation = new AutomationService(dataSource, contexts, catalog, fingerprints, queue, () => jobs);
  const review = new ReviewService(dataSource, contexts, jobs, queue, signer, fingerprints);
  const status = new StatusService(dataSource, config, contexts, gateway, automation);
  const shopData = new ShopDataService(dataSource);
  const media = new MediaService(contexts, signer);
  const webhooks = new WebhookHandlers(dataSource, shopify, sessions, gateway, shopData, automation, logger);

  const app = new Koa<AppState>();
  app.proxy = true;
  app.use(errorHandler(logger));
  const router = new Router<AppState>();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.post('/webhooks', webhookHandler(shopify, dataSource, queue));
  router.get('/media/:kind/:ref', (ctx) => media.serve(ctx, ctx.params.kind!, ctx.params.ref!));
  router.get('/assets/:file', assetHandler(config));
  const api = apiRouter(shopify, { status, catalog, jobs, review, automation });
  app.use(router.routes()).use(router.allowedMethods());
  app.use(api.routes()).use(api.allowedMethods());
  const documents = documentHandler(config, shopify, install, logger);
  app.use(async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path.startsWith('/api/') || ctx.path === '/webhooks' || ctx.path.startsWith('/media/')) throw new AppError('not_found');
    return documents(ctx, next);
  });

  const services = { install, catalog, jobs, review, automation, status, shopData, fingerprints, webhooks, sessions, gateway };
  const handlers = { webhook: (event: Parameters<WebhookHandlers['handle']>[0]) => webhooks.handle(event), task: (task: Parameters<typeof runTask>[1]) => runTask(services, task) };
  if (options.runWorker !== false) queue.start(handlers);

  let server: http.Server | undefined;
  return {
    app,
    config,
    dataSource,
    shopify,
    queue,
    services,
    logger,
    async drain() {
      queue.use(handlers);
      return queue.drain();
    },
    async listen(port = config.port, host = config.host): Promise<string> {
      server = http.createServer(app.callback());
      await new Promise<void>((resolve) => server!.listen(port, host, resolve));
      const address = server.address() as AddressInfo;
      return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
    },
    async close() {
      await queue.stop();
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await dataSource.destroy();
    },
  };
}
