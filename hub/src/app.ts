import Koa from 'koa';
import type { DataSource } from 'typeorm';
import type { Config } from './config.js';
import type { AppState } from './context.js';
import type { Logger } from './logger.js';
import { authenticators } from './middleware/authenticate.js';
import { bodyParser, multipartParser } from './middleware/body.js';
import { dashboardAssets } from './middleware/dashboard-assets.js';
import { errorHandler } from './middleware/error-handler.js';
import { rateLimit } from './middleware/rate-limit.js';
import { idempotency } from './middleware/idempotency.js';
import { HttpMetrics } from './middleware/metrics.js';
import { requestContext } from './middleware/request-context.js';
import { routeDispatch } from './middleware/route-dispatch.js';
import { usageLog } from './middleware/usage-log.js';
import { authRoutes } from './routes/auth.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { imageRoutes } from './routes/images.routes.js';
import { integrationRoutes } from './routes/integrations.routes.js';
import { catalogRoutes } from './routes/catalog.routes.js';
import { publishRoutes } from './routes/publish.routes.js';
import { publicResultRoutes } from './routes/public-results.routes.js';
import { keyRoutes } from './routes/keys.routes.js';
import { organizationRoutes } from './routes/orgs.routes.js';
import { pluginRoutes } from './routes/plugin.routes.js';
import { referenceRoutes } from './routes/reference.routes.js';
import { resultRoutes } from './routes/results.routes.js';
import { taskRoutes } from './routes/tasks.routes.js';
import { processingTaskRoutes } from './routes/processing-tasks.routes.js';
import { usageRoutes } from './routes/usage.routes.js';
import { webhookRoutes } from './routes/webhooks.routes.js';
import { accountRoutes } from './routes/account.routes.js';
import { presetRoutes } from './routes/presets.routes.js';
import { appRoutes } from './routes/apps.routes.js';
import type { Services } from './composition.js';

export interface AppDependencies {
  config: Config;
  logger: Logger;
  db: DataSource;
  services: Services;
}

/** Builds the Koa application (no listen). Middleware order matters: see the comments. */
export function createApp({ config, logger, db, services }: AppDependencies) {
  const app = new Koa<AppState>({ proxy: config.trustProxy });
  const metrics = new HttpMetrics();
  const bodyLimits = { jsonBytes: config.jsonBodyLimitBytes, uploadBytes: config.uploadLimitBytes };
  // The authenticated chain, on every route that takes a key or a session (middleware/authenticate.ts):
  // authenticator (key or session) → rate limit → the route's scope → uploads → idempotency → route.
  const authenticate = authenticators(services.keyVerifier, services.sessions, {
    identified: config.rateLimits.enabled ? [rateLimit(services.rateLimiter, services.organizations, config.rateLimits)] : [],
    // Idempotency-Key replay, around the route (scoped to the caller's organization).
    authorized: [idempotency(services.idempotency)],
    // Multipart: files only on the routes that take them, once the caller is authenticated.
    uploads: multipartParser(bodyLimits, { files: true }),
    formFields: multipartParser(bodyLimits, { files: false }),
  });

  // Outermost: request id + access log, then metrics and usage logs, which must see the final
  // status the error handler sets, then the error handler around everything that can throw.
  app.use(requestContext(logger));
  app.use(metrics.middleware());
  app.use(usageLog(services.usage, services.keyActivity));
  app.use(errorHandler());
  // JSON and form bodies only; multipart waits for the route's authenticator (see middleware/body.ts).
  app.use(bodyParser(bodyLimits));
  // Saved presets for the operation-request reader (`preset=<id or name>`).
  app.use((ctx, next) => {
    ctx.state.presets = services.presets;
    return next();
  });

  const routers = [
    healthRoutes(db, services.blobs, metrics),
    referenceRoutes(config.publicUrl),
    authRoutes(services.auth, authenticate, config.cookieSecure),
    keyRoutes(services.apiKeys, authenticate),
    organizationRoutes(services.organizations, services.audit, authenticate),
    pluginRoutes(services.plugin, authenticate),
    usageRoutes(services.usage, authenticate),
    imageRoutes(services.images, authenticate, { limits: config.processingLimits, publicUrl: config.publicUrl, ssrf: services.ssrf }),
    resultRoutes(services.results, authenticate),
    taskRoutes(services.tasks, authenticate, { limits: config.processingLimits, publicUrl: config.publicUrl }),
    processingTaskRoutes(services.tasks, authenticate, { limits: config.processingLimits, publicUrl: config.publicUrl }),
    integrationRoutes(services.integrations, services.catalog, authenticate),
    catalogRoutes(services.catalog, services.catalogRuns.service, authenticate),
    publishRoutes(services.publish, authenticate),
    publicResultRoutes(services.links),
    webhookRoutes(services.webhooks.subscriptions, authenticate),
    accountRoutes(services.account, authenticate),
    presetRoutes(services.presets, authenticate),
    appRoutes(services.appInstallations, services.appLinkTokens, services.throttle, authenticate, {
      secret: config.appLink.secret,
      perMinute: config.appLink.ratePerMinute,
      publicUrl: config.publicUrl,
      cookieSecure: config.cookieSecure,
    }),
  ];
  app.use(routeDispatch(routers));
  // The dashboard page and its assets: only what no API route answered.
  app.use(dashboardAssets(config.dashboardDir));
  return { app, metrics, routers };
}
