import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Agenda } from 'agenda';
import { TypeormAgendaBackend } from './typeorm-backend.js';
import { closeJobTestContext, openJobTestContext, type JobTestContext } from './test-support/fixtures.js';

describe('in-process notification', () => {
  let context: JobTestContext;
  let agenda: Agenda;

  beforeAll(async () => {
    context = await openJobTestContext();
    // A poll far beyond the test's duration: only the notification can start the jobs in time.
    agenda = new Agenda({ backend: new TypeormAgendaBackend(context.dataSource), processEvery: 60_000 });
  });
  afterAll(async () => {
    await agenda.stop();
    await closeJobTestContext(context);
  });

  it('a job saved in an idle process starts at once, without waiting for the 60 s poll', async () => {
    const started = new Map<string, number>();
    agenda.define('ping', async (job) => {
      started.set(String(job.attrs._id), performance.now());
    });
    await agenda.start();
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the first poll pass: the process is idle

    // Any start well inside the poll interval proves the notification path; how fast it is (the
    // 50 ms p50 target) is measured by `npm run bench:jobs -w hub`, not asserted on a shared machine.
    for (let i = 0; i < 20; i += 1) {
      const job = await agenda.now('ping', { i });
      const id = String(job.attrs._id);
      await new Promise<void>((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`job ${i} did not start within 2 s`)), 2000);
        const check = () => (started.has(id) ? (clearTimeout(deadline), resolve()) : setTimeout(check, 1));
        check();
      });
    }
    expect(started.size).toBe(20);
  });

  it('save() does not wait for the queue fill it triggers', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const channel = new TypeormAgendaBackend(context.dataSource).notificationChannel;
    await channel.connect();
    channel.subscribe(() => blocked);
    const publish = channel.publish({ jobId: 'x' as never, jobName: 'ping', nextRunAt: new Date(), priority: 0, timestamp: new Date() });
    await expect(Promise.race([publish.then(() => 'returned'), new Promise((resolve) => setTimeout(() => resolve('blocked'), 200))])).resolves.toBe('returned');
    release();
    await channel.disconnect();
  });

  it('a burst of notifications for one job name collapses into a few deliveries, not one per save', async () => {
    const channel = new TypeormAgendaBackend(context.dataSource).notificationChannel;
    await channel.connect();
    let deliveries = 0;
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    channel.subscribe(() => {
      deliveries += 1;
      return slow;
    });
    const note = () => ({ jobId: 'x' as never, jobName: 'burst', nextRunAt: new Date(), priority: 0, timestamp: new Date() });
    for (let i = 0; i < 50; i += 1) await channel.publish(note());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(deliveries).toBe(4); // the parallel fills, all still busy
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(deliveries).toBe(5); // plus one follow-up for everything that arrived meanwhile
    await channel.disconnect();
  });
});
