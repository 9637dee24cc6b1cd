import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { HubClient } from '@pixport/shared';
import type { EntityManager } from 'typeorm';
import { ThrottleCounterRow } from './entities/throttle-counter.entity.js';
import { runInTransaction } from './transaction.js';
import { signUpFresh } from '../test-support/accounts.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A transaction of the hub that rolls back while other requests are being served: their writes must
 * survive it (and theirs only are kept). On SQLite, TypeORM sends every query of the process down one
 * connection, so without the gate the other request's insert lands inside this transaction.
 */
describe('a transaction rolling back beside concurrent requests', () => {
  let t: TestHub;
  let api: HubClient;
  beforeAll(async () => {
    t = await startTestHub();
    const { key } = await t.newKey({ scopes: ['presets:manage'] });
    api = t.client({ apiKey: key.key });
  });
  afterAll(() => t.close());

  /**
   * Opens a transaction that writes a marker row, lets `concurrent` run until it answers (or 400 ms
   * pass: it may rightly have to wait for this transaction), then fails, so the transaction rolls back.
   */
  async function rollBackAround<T>(marker: string, concurrent: () => Promise<T>): Promise<T> {
    let pending: Promise<T> | undefined;
    const failure = await runInTransaction(t.hub.db, async (manager: EntityManager) => {
      await manager.insert(ThrottleCounterRow, { bucket: marker, count: 1, windowEndsAt: String(Date.now()) });
      pending = concurrent();
      await Promise.race([pending.catch(() => undefined), sleep(400)]);
      throw new Error('roll back');
    }).catch((error: unknown) => error as Error);
    expect(failure).toEqual(new Error('roll back'));
    expect(await t.hub.db.getRepository(ThrottleCounterRow).findOneBy({ bucket: marker })).toBeNull();
    return pending!;
  }

  it("keeps a concurrent request's plain insert", async () => {
    const created = await rollBackAround('tx-test:plain', () =>
      api.createPreset({ name: 'kept', operation: 'ocr' }),
    );
    expect(await api.getPreset(created.id)).toEqual(created);
  });

  it("keeps a concurrent request's own transaction (a sign-up)", async () => {
    const account = await rollBackAround('tx-test:signup', () => signUpFresh(t.client(), 'Concurrent'));
    const again = await t.client().login({ email: account.email, password: account.password });
    expect(again.user.id).toBe(account.me.user.id);
  });

  it('a write scheduled from inside a finished transaction is not taken into the next one', async () => {
    let later: Promise<unknown> | undefined;
    await runInTransaction(t.hub.db, async () => {
      // Work that outlives the transaction (a timer set inside it): it belongs to no transaction.
      later = sleep(100).then(() =>
        t.hub.db
          .getRepository(ThrottleCounterRow)
          .insert({ bucket: 'tx-test:later', count: 1, windowEndsAt: '0' }),
      );
    });
    await rollBackAround('tx-test:next', () => later!);
    expect(
      await t.hub.db.getRepository(ThrottleCounterRow).findOneBy({ bucket: 'tx-test:later' }),
    ).not.toBeNull();
  });

  it('runs many concurrent transactions without mixing them: the failing ones leave nothing, the others everything', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, index) =>
        runInTransaction(t.hub.db, async (manager) => {
          await manager.insert(ThrottleCounterRow, {
            bucket: `tx-test:many:${index}`,
            count: index,
            windowEndsAt: '0',
          });
          await sleep(index % 3);
          await manager.increment(ThrottleCounterRow, { bucket: `tx-test:many:${index}` }, 'count', 100);
          if (index % 2 === 1) throw new Error(`fail ${index}`);
        }),
      ),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(
      Array.from({ length: 12 }, (_, index) => (index % 2 === 1 ? 'rejected' : 'fulfilled')),
    );
    const rows = await t.hub.db.getRepository(ThrottleCounterRow).find();
    const kept = rows
      .filter((row) => row.bucket.startsWith('tx-test:many:'))
      .map((row) => [row.bucket, row.count]);
    expect(kept.sort()).toEqual(
      [0, 2, 4, 6, 8, 10].map((index) => [`tx-test:many:${index}`, index + 100]).sort(),
    );
  });
});
