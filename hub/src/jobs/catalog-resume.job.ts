import { defineJob } from './job-definition.js';

/**
 * Every minute: catalog runs paused for lack of credits go on once their organization can pay for an
 * image again (refill, plan change, top-up: whatever raised the balance). credits-maintenance calls the
 * same right after the monthly refill.
 */
export const catalogResumeJob = defineJob({
  name: 'catalog-resume',
  every: '1 minute',
  async run(_data, { services }) {
    await services.catalogRuns.service.resumeFunded();
  },
});
