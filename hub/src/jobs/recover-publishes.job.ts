import { defineJob } from './job-definition.js';

/** Every minute: gives a job to publishes left queued without one (their requester stopped before enqueuing). */
export const recoverPublishesJob = defineJob({
  name: 'recover-publishes',
  every: '1 minute',
  async run(_data, { services, logger }) {
    const { requeued } = await services.publish.recover();
    if (requeued > 0) logger.warn({ requeued }, 'requeued publishes that had no job');
  },
});
