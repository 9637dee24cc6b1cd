import type { PublishJobData } from '../services/publish.service.js';
import { defineJob } from './job-definition.js';

/**
 * Publishes one image to a marketplace (see PublishRunner). The marketplace call is never retried by
 * agenda; only a failed webhook notification throws, and the retry then just notifies.
 */
export const publishImageJob = defineJob<PublishJobData>({
  name: 'publish-image',
  concurrency: 4,
  removeOnComplete: true,
  // A publish waits for the marketplace (Shopify media processing, WooCommerce uploads) with per-call timeouts.
  lockLifetimeMs: 10 * 60_000,
  backoff: ({ attempt }) => (attempt <= 8 ? Math.min(5_000 * 2 ** (attempt - 1), 10 * 60_000) : null),
  async run(data, { services, job }) {
    await services.publisher.run(data, String(job.attrs._id));
  },
});
