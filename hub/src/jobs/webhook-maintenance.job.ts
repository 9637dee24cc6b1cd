import { defineJob } from './job-definition.js';

/**
 * Every few minutes: re-queue messages whose delivery job was lost (a crash between saving a message
 * and queuing its job), and forget delivery history older than the retention.
 */
export const webhookMaintenanceJob = defineJob({
  name: 'webhook-maintenance',
  every: '5 minutes',
  async run(_data, { services }) {
    await services.webhooks.maintenance.requeueStranded();
    await services.webhooks.maintenance.purgeHistory();
  },
});
