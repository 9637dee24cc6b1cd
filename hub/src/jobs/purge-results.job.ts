import { defineJob } from './job-definition.js';

/** Every 15 minutes: delete the files of expired results (they answer 410) and old result rows. */
export const purgeResultsJob = defineJob<Record<string, never>>({
  name: 'purge-expired-results',
  every: '15 minutes',
  concurrency: 1,
  async run(_data, { services, logger }) {
    const purged = await services.results.purgeExpired(new Date());
    if (purged.blobs > 0 || purged.rows > 0) logger.info({ purged }, 'purged expired results');
  },
});
