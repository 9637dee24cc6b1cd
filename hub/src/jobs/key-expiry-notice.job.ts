import { defineJob } from './job-definition.js';

/** Hourly: `key.expiring` webhooks for keys that expire within 7 days (once per key and expiry). */
export const keyExpiryNoticeJob = defineJob({
  name: 'key-expiry-notice',
  every: '1 hour',
  async run(_data, { services }) {
    await services.webhooks.announceExpiringKeys();
  },
});
