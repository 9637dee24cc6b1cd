import { defineJob } from './job-definition.js';

/** Hourly: forget Idempotency-Key records past their retention (IDEMPOTENCY_TTL_HOURS), blobs included. */
export const purgeIdempotencyJob = defineJob({
  name: 'purge-idempotency-keys',
  every: '1 hour',
  async run(_data, { services }) {
    while ((await services.idempotency.purgeExpired()) > 0) {
      // batches of 1000 until none is left
    }
  },
});
