import type { CatalogSyncJobData } from '../services/catalog.service.js';
import { defineJob } from './job-definition.js';

/** Reads an integration's catalog from its marketplace into `catalog_items` (see CatalogSyncRunner). */
export const catalogSyncJob = defineJob<CatalogSyncJobData>({
  name: 'catalog-sync',
  concurrency: 2,
  removeOnComplete: true,
  // Progress touches the job every second; a worker that dies loses the lock after this and the run starts over.
  lockLifetimeMs: 2 * 60_000,
  async run(data, { services, job }) {
    await services.catalogSync.run(data, (percent) => job.touch(percent));
  },
});
