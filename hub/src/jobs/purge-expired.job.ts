import { defineJob } from './job-definition.js';

/**
 * Every ten minutes: deletes results past retention (sync outputs and task outputs) and task inputs,
 * marks their succeeded tasks `expired`, and removes rows 30 days after they expired.
 */
export const purgeExpiredJob = defineJob({
  name: 'purge-expired',
  every: '10 minutes',
  async run(_data, { services, logger }) {
    const purged = await services.tasks.sweeper.purge();
    if (purged.results.blobs + purged.results.rows + purged.tasks.expired + purged.tasks.rows > 0)
      logger.info(purged, 'purged expired results and tasks');
  },
});
