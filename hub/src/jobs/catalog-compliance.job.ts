import type { CatalogComplianceJobData } from '../services/catalog-compliance.runner.js';
import { defineJob } from './job-definition.js';

/**
 * Checks a synced catalog's images against the marketplaces' rules after each sync (see
 * CatalogComplianceRunner). Progress is in the check rows: a run that stopped carries on when the job runs again.
 */
export const catalogComplianceJob = defineJob<CatalogComplianceJobData>({
  name: 'catalog-compliance',
  concurrency: 1,
  removeOnComplete: true,
  lockLifetimeMs: 2 * 60_000,
  async run(data, { services, job }) {
    await services.catalogCompliance.run(data, () => job.touch());
  },
});
