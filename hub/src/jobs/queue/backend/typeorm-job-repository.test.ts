import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { JobParameters } from 'agenda';
import { closeJobTestContext, newJob, openJobTestContext, secondsAgo, secondsFromNow, type JobTestContext } from './test-support/fixtures.js';

describe('TypeormJobRepository', () => {
  let context: JobTestContext;
  const repo = () => context.repository;
  const save = (overrides: Partial<JobParameters> = {}) => repo().saveJob(newJob(overrides), undefined);
  const claim = (name = 'test-job', lockDeadline = secondsAgo(600)) =>
    repo().getNextJobToRun(name, new Date(), lockDeadline, undefined, { lastModifiedBy: 'worker-a' });

  beforeAll(async () => {
    context = await openJobTestContext();
  });
  afterAll(() => closeJobTestContext(context));
  beforeEach(async () => {
    await repo().purgeAllJobs();
  });

  it('the migration leaves nothing for synchronize to change, and connect() finds the table', async () => {
    const pending = await context.dataSource.driver.createSchemaBuilder().log();
    let ours = pending.upQueries.map((query) => query.query).filter((query) => query.includes('agenda_jobs'));
    if (context.dataSource.options.type === 'mysql') {
      // With `type: 'mysql'` on MariaDB, TypeORM misreads MariaDB's `NULL` column default and proposes
      // re-declaring every nullable column unchanged (the foundation tables get the same), dropping the
      // indexes on those columns first. Ignore exactly those; SQLite runs the full check.
      const noOpNullable = /^ALTER TABLE `agenda_jobs` CHANGE `(\w+)` `\1` [a-z]+(\(\d+\))? NULL$/;
      ours = ours.filter((query) => !noOpNullable.test(query) && query !== 'DROP INDEX `IDX_agenda_jobs_claim` ON `agenda_jobs`');
    }
    expect(ours).toEqual([]);
    // The claim index is migration-managed (synchronize: false), so check it here.
    const runner = context.dataSource.createQueryRunner();
    const table = await runner.getTable('agenda_jobs');
    await runner.release();
    const claimIndex = table!.indices.find((index) => index.name === 'IDX_agenda_jobs_claim');
    expect(claimIndex?.columnNames).toEqual(['name', 'locked_at', 'disabled', 'next_run_at', 'priority']);
    await expect(repo().connect()).resolves.toBeUndefined();
  });

  it('saveJob inserts and getJobById reads back every field with its type', async () => {
    const startDate = secondsAgo(3600);
    const saved = await repo().saveJob(
      newJob({
        name: 'report',
        priority: 10,
        nextRunAt: secondsFromNow(60),
        data: { taskId: 't1', nested: { n: 2, ok: true }, list: [1, 'a'] },
        repeatInterval: 60_000,
        repeatTimezone: 'Europe/Berlin',
        startDate,
        skipDays: [0, 6],
        fork: true,
      }),
      { lastModifiedBy: 'hub-1' },
    );
    expect(saved._id).toMatch(/^[0-9a-f-]{36}$/);
    const loaded = await repo().getJobById(saved._id!);
    expect(loaded).toMatchObject({
      _id: saved._id,
      name: 'report',
      priority: 10,
      type: 'normal',
      data: { taskId: 't1', nested: { n: 2, ok: true }, list: [1, 'a'] },
      repeatInterval: 60_000,
      repeatTimezone: 'Europe/Berlin',
      skipDays: [0, 6],
      fork: true,
      disabled: false,
      lastModifiedBy: 'hub-1',
    });
    expect(loaded!.nextRunAt!.getTime()).toBe(saved.nextRunAt!.getTime());
    expect(loaded!.startDate!.getTime()).toBe(startDate.getTime());
    expect(loaded!.lockedAt).toBeUndefined();
    expect(await repo().getJobById('00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it('saveJob with an id updates the definition but leaves processor-managed fields alone', async () => {
    const saved = await save({ data: { v: 1 } });
    await repo().saveJobState({ ...saved, failCount: 2, failReason: 'boom', failedAt: new Date() }, undefined);
    const updated = await repo().saveJob({ ...saved, data: { v: 2 }, priority: 5 }, undefined);
    expect(updated).toMatchObject({ _id: saved._id, data: { v: 2 }, priority: 5, failCount: 2, failReason: 'boom' });
    await repo().removeJobs({ id: saved._id });
    // Removed meanwhile: the caller's job comes back unchanged.
    const gone = { ...saved, data: { v: 3 } };
    expect(await repo().saveJob(gone, undefined)).toBe(gone);
  });

  it('saveJobState writes lock and run fields, and fails for a job that no longer exists', async () => {
    const saved = await save();
    const lastRunAt = new Date();
    await repo().saveJobState({ ...saved, lockedAt: lastRunAt, lastRunAt, nextRunAt: null, progress: 42.5 }, { lastModifiedBy: 'w' });
    // Saving the same state again is not "no row": MySQL must count matched rows, not changed ones.
    await repo().saveJobState({ ...saved, lockedAt: lastRunAt, lastRunAt, nextRunAt: null, progress: 42.5 }, { lastModifiedBy: 'w' });
    const loaded = await repo().getJobById(saved._id!);
    expect(loaded).toMatchObject({ nextRunAt: null, progress: 42.5, lastModifiedBy: 'w' });
    expect(loaded!.lastRunAt!.getTime()).toBe(lastRunAt.getTime());
    await expect(repo().saveJobState({ ...saved, _id: undefined }, undefined)).rejects.toThrow('without job ID');
    await repo().removeJobs({ id: saved._id });
    await expect(repo().saveJobState(saved, undefined)).rejects.toThrow('cannot be updated');
  });

  it('getNextJobToRun takes due jobs by nextRunAt then priority, never locked, disabled, other-name or future ones', async () => {
    const late = await save({ nextRunAt: secondsAgo(10), priority: 0 });
    const lowFirst = await save({ nextRunAt: secondsAgo(20), priority: 0 });
    const sameTime = secondsAgo(20);
    await repo().saveJob({ ...lowFirst, nextRunAt: sameTime }, undefined);
    const highFirst = await save({ nextRunAt: sameTime, priority: 10 });
    await save({ nextRunAt: secondsFromNow(60) });
    await save({ nextRunAt: secondsAgo(30), disabled: true });
    await save({ nextRunAt: secondsAgo(30), name: 'other-job' });
    await save({ nextRunAt: null });

    const order = [];
    for (let job = await claim(); job; job = await claim()) order.push(job);
    expect(order.map((job) => job._id)).toEqual([highFirst._id, lowFirst._id, late._id]);
    expect(order[0]!.lockedAt).toBeInstanceOf(Date);
    expect((await repo().getJobById(late._id!))!.lastModifiedBy).toBe('worker-a');
  });

  it('getNextJobToRun reclaims a job whose lock expired, even one whose run had started (nextRunAt null)', async () => {
    const crashed = await save();
    await repo().saveJobState({ ...crashed, lockedAt: secondsAgo(120), lastRunAt: secondsAgo(120), nextRunAt: null }, undefined);
    const busy = await save();
    await repo().saveJobState({ ...busy, lockedAt: secondsAgo(5) }, undefined);

    expect(await claim('test-job', secondsAgo(600))).toBeUndefined();
    const reclaimed = await claim('test-job', secondsAgo(60));
    expect(reclaimed?._id).toBe(crashed._id);
    expect(reclaimed!.lockedAt!.getTime()).toBeGreaterThan(Date.now() - 5000);
    expect(await claim('test-job', secondsAgo(60))).toBeUndefined();
  });

  it('lockJob locks only an unlocked, enabled job still scheduled for the time the caller saw', async () => {
    const job = await save({ nextRunAt: secondsAgo(1) });
    expect(await repo().lockJob({ ...job, nextRunAt: secondsAgo(100) }, undefined)).toBeUndefined();
    const locked = await repo().lockJob(job, { lastModifiedBy: 'x' });
    expect(locked).toMatchObject({ _id: job._id, lastModifiedBy: 'x' });
    expect(locked!.lockedAt).toBeInstanceOf(Date);
    expect(await repo().lockJob(job, undefined)).toBeUndefined();
    expect(await repo().lockJob({ ...job, _id: undefined }, undefined)).toBeUndefined();
    const disabled = await save({ disabled: true });
    expect(await repo().lockJob(disabled, undefined)).toBeUndefined();
  });

  it('unlockJob releases a lock unless the run has started; unlockJobs releases a list', async () => {
    const waiting = await save();
    const started = await save();
    await repo().saveJobState({ ...waiting, lockedAt: new Date() }, undefined);
    await repo().saveJobState({ ...started, lockedAt: new Date(), nextRunAt: null }, undefined);
    await repo().unlockJob(waiting);
    await repo().unlockJob(started);
    expect((await repo().getJobById(waiting._id!))!.lockedAt).toBeUndefined();
    expect((await repo().getJobById(started._id!))!.lockedAt).toBeInstanceOf(Date);

    await repo().unlockJobs([started._id!]);
    expect((await repo().getJobById(started._id!))!.lockedAt).toBeUndefined();
    await expect(repo().unlockJobs([])).resolves.toBeUndefined();
  });

  it('removeJobs by id, ids, name, names, notNames and data (containment); nothing without criteria', async () => {
    const a = await save({ name: 'a', data: { taskId: 't1', org: { id: 'o1' } } });
    const b = await save({ name: 'b', data: { taskId: 't2', org: { id: 'o1' } } });
    const c = await save({ name: 'c', data: { taskId: 't3', n: 1 } });
    const d = await save({ name: 'd', data: 'plain' });
    expect(await repo().removeJobs({})).toBe(0);
    expect(await repo().removeJobs({ ids: [] })).toBe(0);
    expect(await repo().removeJobs({ data: { org: { id: 'o2' } } })).toBe(0);
    expect(await repo().removeJobs({ data: { n: '1' } })).toBe(0);
    expect(await repo().removeJobs({ name: 'a', data: { taskId: 't2' } })).toBe(0);
    expect(await repo().removeJobs({ data: { org: { id: 'o1' } }, names: ['a', 'b', 'c'] })).toBe(2);
    expect(await repo().getJobById(a._id!)).toBeNull();
    expect(await repo().getJobById(b._id!)).toBeNull();
    expect(await repo().removeJobs({ notNames: ['c'] })).toBe(1);
    expect(await repo().getJobById(d._id!)).toBeNull();
    const e = await save({ name: 'e' });
    expect(await repo().removeJobs({ id: c._id, name: 'wrong' })).toBe(0);
    expect(await repo().removeJobs({ ids: [c._id!, e._id!] })).toBe(2);
    await save({ name: 'f' });
    await save({ name: 'f' });
    expect(await repo().removeJobs({ name: 'f' })).toBe(2);
  });

  it('disableJobs / enableJobs flip the flag for the selected jobs only', async () => {
    const a = await save({ name: 'a', data: { taskId: 't1' } });
    const b = await save({ name: 'b' });
    expect(await repo().disableJobs({})).toBe(0);
    expect(await repo().disableJobs({ data: { taskId: 't1' } })).toBe(1);
    expect((await repo().getJobById(a._id!))!.disabled).toBe(true);
    expect((await repo().getJobById(b._id!))!.disabled).toBe(false);
    expect(await repo().disableJobs({ names: ['a', 'b'] })).toBe(2);
    expect(await repo().enableJobs({ name: 'a' })).toBe(1);
    expect((await repo().getJobById(a._id!))!.disabled).toBe(false);
    expect((await repo().getJobById(b._id!))!.disabled).toBe(true);
  });

  it('purgeAllJobs removes everything and says how many', async () => {
    await save();
    await save({ name: 'other' });
    expect(await repo().purgeAllJobs()).toBe(2);
    expect(await repo().purgeAllJobs()).toBe(0);
  });

  it('getQueueSize counts jobs due now; getDistinctJobNames lists names sorted', async () => {
    await save({ name: 'b', nextRunAt: secondsAgo(1) });
    await save({ name: 'a', nextRunAt: secondsAgo(1) });
    await save({ name: 'a', nextRunAt: secondsFromNow(60) });
    await save({ name: 'c', nextRunAt: null });
    expect(await repo().getQueueSize()).toBe(2);
    expect(await repo().getDistinctJobNames()).toEqual(['a', 'b', 'c']);
  });

  it('getJobsOverview counts computed states per name, paused on top', async () => {
    await save({ name: 'a', nextRunAt: secondsAgo(1) }); // queued
    await save({ name: 'a', nextRunAt: secondsFromNow(60) }); // scheduled
    const running = await save({ name: 'a' });
    await repo().saveJobState({ ...running, lockedAt: new Date() }, undefined);
    const failed = await save({ name: 'a', nextRunAt: null });
    await repo().saveJobState({ ...failed, nextRunAt: null, failedAt: new Date(), lastFinishedAt: new Date(), failCount: 1 }, undefined);
    await save({ name: 'b', repeatInterval: '5 minutes', disabled: true, nextRunAt: secondsFromNow(60) }); // repeating + paused
    const overview = await repo().getJobsOverview();
    expect(overview).toEqual([
      { name: 'a', total: 4, running: 1, scheduled: 1, queued: 1, completed: 0, failed: 1, repeating: 0, paused: 0 },
      { name: 'b', total: 1, running: 0, scheduled: 0, queued: 0, completed: 0, failed: 0, repeating: 1, paused: 1 },
    ]);
  });

  it('queryJobs filters, sorts, pages and computes state', async () => {
    const a1 = await save({ name: 'alpha', nextRunAt: secondsAgo(30), data: { taskId: 't1' } });
    const a2 = await save({ name: 'alpha', nextRunAt: secondsAgo(20), data: { taskId: 't2' }, priority: 5 });
    const b1 = await save({ name: 'beta_1', nextRunAt: secondsFromNow(60), disabled: true });
    const c1 = await save({ name: 'gamma', nextRunAt: null });

    const all = await repo().queryJobs();
    expect(all.total).toBe(4);
    // Default order: nextRunAt descending, nulls last.
    expect(all.jobs.map((job) => job._id)).toEqual([b1._id, a2._id, a1._id, c1._id]);
    expect(all.jobs.map((job) => job.state)).toEqual(['scheduled', 'queued', 'queued', 'completed']);

    expect((await repo().queryJobs({ name: 'alpha' })).total).toBe(2);
    expect((await repo().queryJobs({ names: ['alpha', 'gamma'] })).total).toBe(3);
    expect((await repo().queryJobs({ id: a1._id })).jobs.map((job) => job._id)).toEqual([a1._id]);
    expect((await repo().queryJobs({ ids: [a1._id!, c1._id!] })).total).toBe(2);
    expect((await repo().queryJobs({ search: 'ALP' })).total).toBe(2);
    expect((await repo().queryJobs({ search: 'a_1' })).total).toBe(1); // `_` is literal, not a wildcard
    expect((await repo().queryJobs({ search: 'a%' })).total).toBe(0);
    expect((await repo().queryJobs({ data: { taskId: 't2' } })).jobs.map((job) => job._id)).toEqual([a2._id]);
    expect((await repo().queryJobs({ includeDisabled: false })).total).toBe(3);
    expect((await repo().queryJobs({ state: 'queued' })).total).toBe(2);
    expect((await repo().queryJobs({ state: 'paused' })).jobs.map((job) => job._id)).toEqual([b1._id]);

    const byPriority = await repo().queryJobs({ sort: { priority: 'desc', nextRunAt: 'asc' }, limit: 2 });
    expect(byPriority.jobs.map((job) => job._id)).toEqual([a2._id, a1._id]);
    expect(byPriority.total).toBe(4);
    const page = await repo().queryJobs({ sort: { nextRunAt: 'asc' }, skip: 1, limit: 2 });
    expect(page.jobs.map((job) => job._id)).toEqual([a2._id, b1._id]);
    const statePage = await repo().queryJobs({ state: 'queued', sort: { nextRunAt: 'asc' }, skip: 1, limit: 1 });
    expect(statePage).toMatchObject({ total: 2, jobs: [{ _id: a2._id }] });
    expect((await repo().queryJobs({ skip: 3 })).jobs.map((job) => job._id)).toEqual([c1._id]);
  });
});
