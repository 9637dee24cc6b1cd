import { defineJob } from './job-definition.js';

/**
 * Every minute: gives a job to live tasks that have none (their submitter stopped between inserting the
 * row and enqueuing), emits `task.finished` again where its subscribers did not take it, and settles
 * credit reservations left behind (a crash between reserving and inserting the task): released about
 * ten minutes after, not at the next hourly credits job.
 */
export const recoverTasksJob = defineJob({
  name: 'recover-tasks',
  every: '1 minute',
  async run(_data, { services, logger }) {
    const { requeued, renotified } = await services.tasks.sweeper.recover();
    const settled = await services.credits.settleStragglers();
    if (requeued + renotified + settled > 0) logger.info({ requeued, renotified, settled }, 'task recovery');
  },
});
