import { defineJob } from './job-definition.js';

/**
 * Every 15 minutes, the one retention job: deletes the files of expired results (sync outputs and task
 * outputs; they answer 410) and the inputs of tasks past retention, marks those succeeded tasks
 * `expired`, and removes result and task rows 30 days after they expired.
 */
export const purgeResultsJob = defineJob<Record<string, never>>({
  name: 'purge-expired-results',
  every: '15 minutes',
  concurrency: 1,
  async run(_data, { services, logger }) {
    const { results, tasks } = await services.tasks.sweeper.purge(new Date());
    if (results.blobs + results.rows + tasks.expired + tasks.rows > 0) logger.info({ results, tasks }, 'purged expired results and tasks');
  },
});
