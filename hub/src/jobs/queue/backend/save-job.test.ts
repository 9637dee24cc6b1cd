import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { closeJobTestContext, newJob, openJobTestContext, secondsAgo, secondsFromNow, type JobTestContext } from './test-support/fixtures.js';

describe('saveJob: single, unique and debounced jobs', () => {
  let context: JobTestContext;
  const repo = () => context.repository;

  beforeAll(async () => {
    context = await openJobTestContext();
  });
  afterAll(() => closeJobTestContext(context));
  beforeEach(async () => {
    await repo().purgeAllJobs();
  });

  it('type single keeps one job per name, updating it in place', async () => {
    const first = await repo().saveJob(newJob({ name: 'purge', type: 'single', repeatInterval: '1 hour', nextRunAt: secondsFromNow(60) }), undefined);
    const later = secondsFromNow(120);
    const second = await repo().saveJob(newJob({ name: 'purge', type: 'single', repeatInterval: '2 hours', nextRunAt: later }), undefined);
    expect(second._id).toBe(first._id);
    expect(second).toMatchObject({ repeatInterval: '2 hours', type: 'single' });
    expect(second.nextRunAt!.getTime()).toBe(later.getTime());
    expect((await repo().queryJobs({ name: 'purge' })).total).toBe(1);
  });

  it('type single does not move an existing schedule to "now" (re-registering at boot)', async () => {
    const scheduled = secondsFromNow(300);
    await repo().saveJob(newJob({ name: 'purge', type: 'single', nextRunAt: scheduled }), undefined);
    const again = await repo().saveJob(newJob({ name: 'purge', type: 'single', nextRunAt: secondsAgo(1) }), undefined);
    expect(again.nextRunAt!.getTime()).toBe(scheduled.getTime());
  });

  it('type single survives concurrent saves as one row', async () => {
    await Promise.all(Array.from({ length: 8 }, () => repo().saveJob(newJob({ name: 'tick', type: 'single' }), undefined)));
    expect((await repo().queryJobs({ name: 'tick' })).total).toBe(1);
  });

  it('unique on a data path updates the matching job; insertOnly returns it untouched', async () => {
    const first = await repo().saveJob(newJob({ data: { taskId: 't1', v: 1 }, unique: { 'data.taskId': 't1' } }), undefined);
    await repo().saveJob(newJob({ data: { taskId: 't2', v: 1 }, unique: { 'data.taskId': 't2' } }), undefined);
    const updated = await repo().saveJob(newJob({ data: { taskId: 't1', v: 2 }, unique: { 'data.taskId': 't1' } }), undefined);
    expect(updated._id).toBe(first._id);
    expect(updated.data).toEqual({ taskId: 't1', v: 2 });
    const kept = await repo().saveJob(
      newJob({ data: { taskId: 't1', v: 3 }, unique: { 'data.taskId': 't1' }, uniqueOpts: { insertOnly: true } }),
      undefined,
    );
    expect(kept).toMatchObject({ _id: first._id, data: { taskId: 't1', v: 2 } });
    expect((await repo().queryJobs()).total).toBe(2);
  });

  it('unique on a column and on a non-string data value', async () => {
    const a = await repo().saveJob(newJob({ priority: 5, data: { n: 1 }, unique: { priority: 5, 'data.n': 1 } }), undefined);
    const b = await repo().saveJob(newJob({ priority: 5, data: { n: 2 }, unique: { priority: 5, 'data.n': 2 } }), undefined);
    expect(b._id).not.toBe(a._id);
    const again = await repo().saveJob(newJob({ priority: 5, data: { n: 1, x: true }, unique: { priority: 5, 'data.n': 1 } }), undefined);
    expect(again._id).toBe(a._id);
    await expect(repo().saveJob(newJob({ unique: { 'drop table': 1 } }), undefined)).rejects.toThrow('Invalid unique constraint field');
  });

  it('trailing debounce pushes the run back on every save, until maxWait forces it', async () => {
    const debounce = { delay: 2000, maxWait: 60_000 };
    const save = () =>
      repo().saveJob(newJob({ data: { key: 'k' }, unique: { 'data.key': 'k' }, uniqueOpts: { debounce } }), undefined);
    const first = await save();
    expect(first.nextRunAt!.getTime()).toBeGreaterThan(Date.now() + 1500);
    expect(first.debounceStartedAt).toBeInstanceOf(Date);
    const second = await save();
    expect(second._id).toBe(first._id);
    expect(second.nextRunAt!.getTime()).toBeGreaterThanOrEqual(first.nextRunAt!.getTime());
    expect(second.debounceStartedAt!.getTime()).toBe(first.debounceStartedAt!.getTime());

    // The window started long ago: maxWait is exceeded, so the job runs now and the window resets.
    await repo().saveJobState({ ...second }, undefined);
    await context.dataSource.query('UPDATE agenda_jobs SET debounce_started_at = ? WHERE id = ?', ['2000-01-01 00:00:00.000', first._id]);
    const forced = await save();
    expect(forced.nextRunAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(forced.debounceStartedAt).toBeUndefined();
  });

  it('leading debounce runs the first save at once and later saves only refresh data', async () => {
    const debounce = { delay: 5000, strategy: 'leading' as const };
    const now = new Date();
    const first = await repo().saveJob(
      newJob({ nextRunAt: now, data: { key: 'k', v: 1 }, unique: { 'data.key': 'k' }, uniqueOpts: { debounce } }),
      undefined,
    );
    expect(first.nextRunAt!.getTime()).toBe(now.getTime());
    const second = await repo().saveJob(
      newJob({ nextRunAt: secondsFromNow(1), data: { key: 'k', v: 2 }, unique: { 'data.key': 'k' }, uniqueOpts: { debounce } }),
      undefined,
    );
    expect(second).toMatchObject({ _id: first._id, data: { key: 'k', v: 2 } });
    expect(second.nextRunAt!.getTime()).toBe(now.getTime());
  });
});
