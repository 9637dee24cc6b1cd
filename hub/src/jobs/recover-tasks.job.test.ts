import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreditReservationRow } from '../db/entities/credit-reservation.entity.js';
import type { KeyPrincipal } from '../services/principal.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import type { JobContext } from './job-definition.js';
import { recoverTasksJob } from './recover-tasks.job.js';

describe('recover-tasks job', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('releases a reservation whose task was never inserted (a crash at submission) within the task sweep', async () => {
    const { me, key } = await t.newKey();
    const principal = { kind: 'key', organizationId: me.organization.id, keyId: key.id, mode: 'live', scopes: [] } as unknown as KeyPrincipal;
    const before = (await t.client({ apiKey: key.key }).account()).credits.balance;
    await t.hub.services.credits.reserve(principal, 'remove-background', 'task_crashed_before_insert');
    expect((await t.client({ apiKey: key.key }).account()).credits.balance).toBe(before - 3);
    // Eleven minutes later (past the orphan age), the every-minute task sweep settles it.
    await t.hub.db.getRepository(CreditReservationRow).update({ taskId: 'task_crashed_before_insert' }, { createdAt: new Date(Date.now() - 11 * 60_000) });
    const context = { services: t.hub.services, config: t.hub.config, logger: t.hub.logger } as unknown as JobContext;
    await recoverTasksJob.run({} as never, context);
    expect(await t.hub.db.getRepository(CreditReservationRow).findOneByOrFail({ taskId: 'task_crashed_before_insert' })).toMatchObject({ status: 'released' });
    expect((await t.client({ apiKey: key.key }).account()).credits.balance).toBe(before);
  });
});
