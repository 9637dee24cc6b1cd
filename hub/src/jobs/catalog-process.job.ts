import type { CatalogProcessJobData } from '../services/catalog-run.service.js';
import { defineJob } from './job-definition.js';

/**
 * Works through one bulk run (see CatalogRunRunner). Progress is in the item rows: a worker that dies
 * loses its lock after two minutes and the job runs again, carrying on where the run was.
 */
export const catalogProcessJob = defineJob<CatalogProcessJobData>({
  name: 'catalog-process',
  concurrency: 2,
  removeOnComplete: true,
  lockLifetimeMs: 2 * 60_000,
  async run(data, { services, job }) {
    await services.catalogRuns.runner.run(data, () => job.touch());
  },
});
