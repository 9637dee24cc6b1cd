import { defineJob } from './job-definition.js';

/**
 * Hourly: start the new credit period of every organization whose month is over (refill to the
 * plan's monthly credits), and settle reservations that nothing settled (crash at submission, a
 * finished task whose event was lost).
 */
export const creditsMaintenanceJob = defineJob({
  name: 'credits-maintenance',
  every: '1 hour',
  async run(_data, { services }) {
    while ((await services.credits.refillDue()) > 0) {
      // batches of 1000 until every due organization is refilled
    }
    await services.credits.settleStragglers();
    // Runs that paused out of credits go on now rather than at the next catalog-resume tick.
    await services.catalogRuns.service.resumeFunded();
  },
});
