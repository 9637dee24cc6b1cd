import { defineJob } from './job-definition.js';
import type { DeliveryJobData } from '../webhooks/delivery.runner.js';

/**
 * One webhook delivery attempt. Failures never throw: the deliverer logs the attempt and queues the
 * next one itself (schedule from config, or the receiver's Retry-After), so agenda's own retries stay out.
 */
export const deliverWebhookJob = defineJob<DeliveryJobData>({
  name: 'deliver-webhook',
  concurrency: 20,
  // A receiver has WEBHOOK_TIMEOUT_MS (≤ 60 s) to answer; a job held longer belonged to a dead worker.
  lockLifetimeMs: 120_000,
  async run(data, { services }) {
    await services.webhooks.deliverer.run(data);
  },
});
