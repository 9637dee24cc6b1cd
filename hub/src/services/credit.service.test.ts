import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/data-source.js';
import { CreditReservationRow } from '../db/entities/credit-reservation.entity.js';
import { OrganizationRow } from '../db/entities/organization.entity.js';
import { newId } from '../lib/ids.js';
import { addMonths } from '../lib/time.js';
import { createLogger } from '../logger.js';
import { appErrorOf } from '../test-support/failure.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import type { PublishInput } from '../webhooks/dispatcher.service.js';
import { CreditService } from './credit.service.js';
import type { KeyPrincipal } from './principal.js';

describe('CreditService', () => {
  let database: TestDatabase;
  let db: DataSource;
  let other: DataSource;
  const published: PublishInput[] = [];
  let credits: CreditService;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openDatabase(loadConfig({ DATABASE_URL: database.url }));
    // A second pool, as another hub process has.
    other = await openDatabase(loadConfig({ DATABASE_URL: database.url }));
    credits = new CreditService(db, async (input) => published.push(input), createLogger('silent'));
  });
  afterAll(async () => {
    await other.destroy();
    await db.destroy();
    await database.drop();
  });

  const organization = async (balance: number, periodStart = new Date(), plan = 'free') => {
    const id = newId('org');
    await db.getRepository(OrganizationRow).insert({ id, name: 'Credits', plan, creditsBalance: balance, creditsPeriodStart: periodStart, createdAt: new Date() });
    return id;
  };
  const key = (organizationId: string, mode: 'live' | 'test' = 'live'): KeyPrincipal => ({
    kind: 'key',
    keyId: newId('key'),
    keyHash: '',
    organizationId,
    scopes: [],
    mode,
    prefix: 'pxp_live_abc',
    last4: 'abcd',
  });

  it('never lets 50 parallel charges from two processes take a balance of 10 below zero', async () => {
    const org = await organization(10);
    const second = new CreditService(other, async () => undefined, createLogger('silent'));
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => (i % 2 ? credits : second).charge(key(org), 'process')));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(10);
    const refusals = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(refusals).toHaveLength(40);
    for (const refusal of refusals) expect(refusal.reason).toMatchObject({ code: 'insufficient_credits', status: 402, options: { extra: { cost: 1, operation: 'process' } } });
    expect(await credits.balanceOf(org)).toBe(0);
  });

  it('refuses with the balance and the cost, and charges test keys nothing', async () => {
    const org = await organization(2);
    const refused = await appErrorOf(credits.charge(key(org), 'remove-background'));
    expect(refused.options.extra).toEqual({ balance: 2, cost: 3, operation: 'remove-background' });
    await expect(credits.ensure(key(org), 'remove-background')).rejects.toMatchObject({ code: 'insufficient_credits' });
    expect(await credits.charge(key(org, 'test'), 'remove-background')).toBe(0);
    await credits.ensure(key(org, 'test'), 'gif-from-video');
    expect(await credits.balanceOf(org)).toBe(2);
  });

  it('reserves for a task, then captures on success or releases on failure — once', async () => {
    const org = await organization(20);
    expect(await credits.reserve(key(org), 'remove-background', 'task_ok')).toBe(3);
    expect(await credits.reserve(key(org), 'upscale', 'task_bad')).toBe(2);
    expect([await credits.balanceOf(org), await credits.reservedOf(org)]).toEqual([15, 5]);
    await credits.settle('task_ok', 'succeeded');
    await credits.settle('task_bad', 'failed');
    await credits.settle('task_bad', 'failed');
    await credits.settle('task_ok', 'canceled'); // already captured: no refund
    expect([await credits.balanceOf(org), await credits.reservedOf(org)]).toEqual([17, 0]);
    await expect(credits.reserve(key(org), 'gif-from-video', 'task_big')).resolves.toBe(5);
    await expect(credits.reserve(key(org), 'gif-from-video', 'task_big2')).resolves.toBe(5);
    await expect(credits.reserve(key(org), 'gif-from-video', 'task_big3')).resolves.toBe(5);
    expect((await appErrorOf(credits.reserve(key(org), 'gif-from-video', 'task_big4'))).options.extra).toMatchObject({ balance: 2, cost: 5 });
    expect(await credits.reserve(key(org, 'test'), 'gif-from-video', 'task_free')).toBe(0);
  });

  it('announces credits.low when a charge crosses 20 % and credits.exhausted at 0, once per period', async () => {
    const start = new Date('2026-11-01T00:00:00.000Z');
    const org = await organization(21, start);
    published.length = 0;
    await credits.charge(key(org), 'process'); // 20: not below 20 yet
    expect(published).toEqual([]);
    await credits.charge(key(org), 'process'); // 19
    await credits.charge(key(org), 'process'); // 18
    expect(published).toEqual([
      {
        organizationId: org,
        type: 'credits.low',
        sourceId: `credits.low:${org}:${start.toISOString()}`,
        fields: { balance: 19, monthly_credits: 100, threshold: 20, period_start: start.toISOString() },
      },
    ]);
    await db.getRepository(OrganizationRow).update({ id: org }, { creditsBalance: 3 });
    await credits.charge(key(org), 'remove-background');
    expect(published[1]).toMatchObject({
      type: 'credits.exhausted',
      sourceId: `credits.exhausted:${org}:${start.toISOString()}`,
      fields: { balance: 0, next_refill_at: '2026-12-01T00:00:00.000Z' },
    });
  });

  it('refills every organization whose month is over, less what running tasks hold, once', async () => {
    const now = new Date('2027-03-15T12:00:00.000Z');
    const due = await organization(3, new Date('2027-01-10T08:00:00.000Z'), 'starter');
    const notYet = await organization(7, new Date('2027-02-20T08:00:00.000Z'));
    await db.getRepository(CreditReservationRow).insert({ id: newId('crd'), organizationId: due, taskId: newId('task'), operation: 'ocr', amount: 2, status: 'reserved', createdAt: now, settledAt: null });
    expect(await credits.refillDue(now)).toBeGreaterThanOrEqual(1);
    const refilled = await db.getRepository(OrganizationRow).findOneByOrFail({ id: due });
    expect(refilled.creditsBalance).toBe(2000 - 2);
    expect(refilled.creditsPeriodStart.toISOString()).toBe('2027-03-10T08:00:00.000Z');
    expect((await db.getRepository(OrganizationRow).findOneByOrFail({ id: notYet })).creditsBalance).toBe(7);
    await credits.refillDue(now);
    expect((await db.getRepository(OrganizationRow).findOneByOrFail({ id: due })).creditsBalance).toBe(1998);
  });

  it('releases a reservation whose task never appeared', async () => {
    const org = await organization(10);
    await credits.reserve(key(org), 'ocr', 'task_never_saved');
    expect(await credits.balanceOf(org)).toBe(8);
    await credits.settleStragglers(new Date(Date.now() + 3600_000));
    expect(await credits.balanceOf(org)).toBe(10);
  });

  it('adds calendar months, keeping the end of a month in shorter months', () => {
    expect(addMonths(new Date('2027-01-31T10:00:00.000Z'), 1).toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2028-01-31T10:00:00.000Z'), 1).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(addMonths(new Date('2027-12-15T00:00:00.000Z'), 1).toISOString()).toBe('2028-01-15T00:00:00.000Z');
  });
});
