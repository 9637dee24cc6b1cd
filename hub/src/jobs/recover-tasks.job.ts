import { defineJob } from './job-definition.js';

/**
 * Every minute: gives a job to live tasks that have none (their submitter stopped between inserting the
 * row and enqueuing) and emits `task.finished` again where its subscribers did not take it.
 */
export const recoverTasksJob = defineJob({
  name: 'recover-tasks',
  every: '1 minute',
  async run(_data, { services, logger }) {
    const { requeued, renotified } = await services.tasks.sweeper.recover();
    if (requeued + renotified > 0) logger.info({ requeued, renotified }, 'task recovery');
  },
});
