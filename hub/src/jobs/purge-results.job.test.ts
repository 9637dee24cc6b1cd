import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ResultRow } from '../db/entities/result.entity.js';
import { createLogger } from '../logger.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { purgeResultsJob } from './purge-results.job.js';

describe('purge-expired-results job', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('is scheduled once, every 15 minutes', async () => {
    const jobs = await t.hub.jobs.agenda.queryJobs({ name: 'purge-expired-results' });
    expect(jobs.jobs).toHaveLength(1);
    expect(jobs.jobs[0]!.repeatInterval).toBe('15 minutes');
  });

  it('deletes the files of expired results and keeps live ones', async () => {
    const { results, blobs } = t.hub.services;
    const file = { operation: 'process', data: Buffer.from('x'), contentType: 'image/png', width: 1, height: 1, metadata: {} };
    const expired = await results.create({ organizationId: 'org_purge', keyId: null }, file, new Date(Date.now() - 25 * 3600_000));
    const live = await results.create({ organizationId: 'org_purge', keyId: null }, file);
    await purgeResultsJob.run({}, { services: t.hub.services, config: t.hub.config, logger: createLogger('silent'), job: {} as never });
    expect(await blobs.exists('org_purge', `results/${expired.id}.png`)).toBe(false);
    expect(await blobs.exists('org_purge', `results/${live.id}.png`)).toBe(true);
    expect((await t.hub.db.getRepository(ResultRow).findOneByOrFail({ id: expired.id })).purgedAt).not.toBeNull();
  });
});
