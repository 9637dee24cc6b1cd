import type { JobDefinition } from './job-definition.js';
import { catalogSyncJob } from './catalog-sync.job.js';
import { catalogProcessJob } from './catalog-process.job.js';
import { catalogComplianceJob } from './catalog-compliance.job.js';
import { catalogResumeJob } from './catalog-resume.job.js';
import { publishImageJob } from './publish-image.job.js';
import { deliverWebhookJob } from './deliver-webhook.job.js';
import { processTaskJob } from './process-task.job.js';
import { purgeResultsJob } from './purge-results.job.js';
import { recoverTasksJob } from './recover-tasks.job.js';
import { recoverPublishesJob } from './recover-publishes.job.js';
import { webhookMaintenanceJob } from './webhook-maintenance.job.js';
import { purgeIdempotencyJob } from './purge-idempotency.job.js';
import { creditsMaintenanceJob } from './credits-maintenance.job.js';
import { keyExpiryNoticeJob } from './key-expiry-notice.job.js';

/** Every job the hub runs: one `<name>.job.ts` file each, listed here. */
export const jobDefinitions: readonly JobDefinition<never>[] = [
  purgeResultsJob as JobDefinition<never>,
  catalogSyncJob as JobDefinition<never>,
  catalogProcessJob as JobDefinition<never>,
  catalogComplianceJob as JobDefinition<never>,
  catalogResumeJob as JobDefinition<never>,
  publishImageJob as JobDefinition<never>,
  deliverWebhookJob as JobDefinition<never>,
  webhookMaintenanceJob as JobDefinition<never>,
  purgeIdempotencyJob as JobDefinition<never>,
  creditsMaintenanceJob as JobDefinition<never>,
  keyExpiryNoticeJob as JobDefinition<never>,
  processTaskJob as JobDefinition<never>,
  recoverTasksJob as JobDefinition<never>,
  recoverPublishesJob as JobDefinition<never>,
];
