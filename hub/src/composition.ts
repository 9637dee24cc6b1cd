import type { DataSource } from 'typeorm';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { JobQueue } from './jobs/queue/job-queue.js';
import { jobDefinitions } from './jobs/index.js';
import { processTaskJob } from './jobs/process-task.job.js';
import { publishImageJob } from './jobs/publish-image.job.js';
import { catalogSyncJob } from './jobs/catalog-sync.job.js';
import { catalogProcessJob } from './jobs/catalog-process.job.js';
import { catalogComplianceJob } from './jobs/catalog-compliance.job.js';
import { deliverWebhookJob } from './jobs/deliver-webhook.job.js';
import { SecretBox, loadOrCreateKeyFile } from './lib/secret-box.js';
import { SsrfGuard, type Resolver } from './lib/ssrf-guard.js';
import { createBlobStore } from './storage/create-blob-store.js';
import { closeOcrPool } from './processing/index.js';
import { ImageService } from './services/image.service.js';
import { IntegrationService } from './services/integration.service.js';
import { CatalogService } from './services/catalog.service.js';
import { CatalogSyncRunner } from './services/catalog-sync.runner.js';
import { CatalogComplianceRunner } from './services/catalog-compliance.runner.js';
import { connectorFactory } from './services/connector-factory.js';
import { PublishService } from './services/publish.service.js';
import { CatalogRunService } from './services/catalog-run.service.js';
import { CatalogRunRunner } from './services/catalog-run.runner.js';
import { PublishRunner } from './services/publish.runner.js';
import { ResultLinks } from './services/result-links.js';
import { UrlSigner } from './lib/url-signer.js';
import { DeviceTokens } from './lib/device-token.js';
import { ResultService } from './services/result.service.js';
import { DomainEvents } from './services/domain-events.js';
import { TaskService } from './services/tasks/task.service.js';
import { ApiKeyService } from './services/api-key.service.js';
import { AuditService } from './services/audit.service.js';
import { AuthService } from './services/auth.service.js';
import { KeyActivityTracker } from './services/key-activity.js';
import { KeyVerifier } from './services/key-verifier.js';
import { OrganizationService } from './services/organization.service.js';
import { PluginService } from './services/plugin.service.js';
import { SessionService } from './services/session.service.js';
import { ThrottleService } from './services/throttle.service.js';
import { LoginThrottle } from './services/login-throttle.service.js';
import { UsageService } from './services/usage.service.js';
import { RateLimiter } from './services/rate-limiter.js';
import { CreditService } from './services/credit.service.js';
import { AccountService } from './services/account.service.js';
import { PresetService } from './services/preset.service.js';
import { IdempotencyService } from './services/idempotency.service.js';
import { AppInstallationService } from './services/app-installation.service.js';
import { AppLinkTokens } from './services/app-link-tokens.js';
import { OrganizationErasureService } from './services/organization-erasure.service.js';
import { createWebhooks } from './webhooks/index.js';
import { taskEventInput } from './webhooks/task-event.dto.js';

export interface ServiceOptions {
  /** Name resolution for the SSRF guard (tests answer names that cannot resolve here). */
  resolve?: Resolver;
}

/**
 * The composition root: the job queue, the domain services (no HTTP here), webhooks, the jobs and the
 * event wiring, built once per process. Services get narrow enqueue functions (`services/job-port.ts`)
 * built here from the job definitions, so they never import `jobs/`; the app (`app.ts`) gets the bag.
 */
export function compose(db: DataSource, config: Config, logger: Logger, options: ServiceOptions = {}) {
  const queue = new JobQueue(db, config.jobs, logger);
  const services = createServices(db, config, logger, queue, options);
  queue.define(jobDefinitions, { services, config, logger });
  return { queue, services };
}

function createServices(db: DataSource, config: Config, logger: Logger, queue: JobQueue, options: ServiceOptions) {
  /** The SSRF guard for every user-supplied URL the hub calls (webhooks, seller endpoints). */
  const ssrf = new SsrfGuard({ allowPrivate: config.webhooks.allowPrivate, resolve: options.resolve });
  const secretKeys = config.secretsKeys.length > 0 ? config.secretsKeys : [loadOrCreateKeyFile(config.secretsKeyFile)];
  const secrets = new SecretBox(secretKeys);
  const audit = new AuditService(db);
  const throttle = new ThrottleService(db);
  const sessions = new SessionService(db, config.sessionTtlMs);
  const organizations = new OrganizationService(db, audit, config.defaultPlan, config.keyCacheTtlMs);
  const keyVerifier = new KeyVerifier(db, config.keyCacheTtlMs);
  const keyActivity = new KeyActivityTracker(db, logger);
  const usage = new UsageService(db, logger);
  const blobs = createBlobStore(config, logger);
  const integrations = new IntegrationService(db, secrets, audit, ssrf, connectorFactory(config.marketplace, ssrf, config.appLink.shopify));
  const results = new ResultService(db, blobs, config.resultsRetentionMs, logger, {
    mode: config.blobs.downloads,
    ttlMs: config.marketplace.signedUrlTtlMs,
  });
  const events = new DomainEvents(logger);
  const links = new ResultLinks(results, new UrlSigner(secretKeys), config.publicUrl, config.marketplace.signedUrlTtlMs);
  const webhooks = createWebhooks({ db, config, secrets, guard: ssrf, enqueueDelivery: queue.enqueuer(deliverWebhookJob), audit, logger });
  const credits = new CreditService(db, (input) => webhooks.dispatcher.publish(input), logger);
  const tasks = new TaskService(db, blobs, results, { processTask: queue.enqueuer(processTaskJob), requeueStranded: queue.requeueStranded }, events, secrets, config, logger, { credits, ssrf });
  // A finished task keeps (succeeded) or gives back (failed, canceled) the credits it reserved.
  events.on('task.finished', (event) => credits.settle(event.taskId, event.status));
  const presets = new PresetService(db, secrets, ssrf, audit);
  const publish = new PublishService(db, integrations, results, tasks, links, {
    publishImage: queue.enqueuer(publishImageJob),
    requeueStranded: queue.requeueStranded,
  });
  // Finished tasks notify subscriptions and callbacks (rows + delivery jobs; a failure keeps the event owed).
  events.on('task.finished', async (event) => {
    const secret = event.callback?.hasSecret ? await tasks.callbackSecret(event.taskId) : null;
    await webhooks.dispatcher.publish(taskEventInput(event, config.publicUrl, secret));
  });
  const apiKeys = new ApiKeyService(db, audit, keyVerifier);
  const erasure = new OrganizationErasureService(db, blobs, logger);
  const appLinkTokens = new AppLinkTokens(db, sessions, audit);
  return {
    events,
    tasks,
    secrets,
    ssrf,
    webhooks,
    rateLimiter: new RateLimiter(db),
    idempotency: new IdempotencyService(db, blobs, config.idempotencyTtlMs, logger),
    blobs,
    results,
    images: new ImageService(results, credits, config),
    credits,
    account: new AccountService(organizations, credits, config),
    presets,
    audit,
    throttle,
    sessions,
    organizations,
    keyVerifier,
    keyActivity,
    usage,
    auth: new AuthService(
      db,
      sessions,
      organizations,
      audit,
      new LoginThrottle(throttle, new DeviceTokens(secretKeys), config.loginThrottle),
      { allowSignup: config.allowSignup },
    ),
    apiKeys,
    erasure,
    appLinkTokens,
    appInstallations: new AppInstallationService(db, organizations, integrations, apiKeys, appLinkTokens, erasure, audit),
    plugin: new PluginService(organizations, usage, keyActivity, config.rateLimits.scale),
    integrations,
    catalog: new CatalogService(db, integrations, queue.enqueuer(catalogSyncJob)),
    catalogSync: new CatalogSyncRunner(db, integrations, logger, queue.enqueuer(catalogComplianceJob)),
    catalogCompliance: new CatalogComplianceRunner(db, ssrf, config.processingLimits, logger, {
      concurrency: 2,
      downloadTimeoutMs: config.marketplace.timeoutMs,
    }),
    links,
    publish,
    catalogRuns: {
      service: new CatalogRunService(db, integrations, queue.enqueuer(catalogProcessJob), config.processingLimits, presets, credits),
      runner: new CatalogRunRunner(db, integrations, tasks, publish, results, ssrf, config.processingLimits, logger, {
        concurrency: 3,
        stepTimeoutMs: 15 * 60_000,
        downloadTimeoutMs: config.marketplace.timeoutMs,
      }),
    },
    publisher: new PublishRunner(db, integrations, results, links, webhooks.dispatcher, logger),
    /** Writes everything buffered (usage rows, key activity). */
    async flush() {
      await Promise.all([usage.flush(), keyActivity.flush()]);
    },
    async close() {
      await Promise.all([usage.close(), keyActivity.close(), closeOcrPool()]);
      blobs.close?.();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
