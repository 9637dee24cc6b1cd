import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Agenda, type Job } from 'agenda';
import { TypeormAgendaBackend } from './typeorm-backend.js';
import { closeJobTestContext, newJob, openJobTestContext, type JobTestContext } from './test-support/fixtures.js';
import { WorkerProcess } from './test-support/worker-process.js';

/** Real OS processes against one queue: the test database (SQLite file in WAL mode, or MariaDB). */
describe('claiming across processes', () => {
  let context: JobTestContext;
  let workers: WorkerProcess[] = [];

  const enqueue = async (count: number, name: string) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) ids.push((await context.repository.saveJob(newJob({ name }), undefined))._id!);
    return ids;
  };
  const startWorkers = async (...args: string[][]) => {
    workers = args.map((workerArgs) => new WorkerProcess(workerArgs));
    await Promise.all(workers.map((worker) => worker.waitFor(() => worker.lines.includes('ready'))));
    for (const worker of workers) worker.send('go');
  };

  beforeAll(async () => {
    context = await openJobTestContext();
  });
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await closeJobTestContext(context);
  });
  beforeEach(async () => {
    await context.repository.purgeAllJobs();
  });

  it('two processes racing on getNextJobToRun never claim the same job', async () => {
    const ids = await enqueue(400, 'race');
    await startWorkers(['claim', context.database.url, 'race'], ['claim', context.database.url, 'race']);
    expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual([0, 0]);
    const [first, second] = workers.map((worker) => worker.ids('claimed'));
    // Both really competed, and between them they took every job exactly once.
    expect(first!.length).toBeGreaterThan(0);
    expect(second!.length).toBeGreaterThan(0);
    const claimed = [...first!, ...second!];
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.sort()).toEqual(ids.sort());
  }, 60_000);

  it('two processes running agenda run every job exactly once', async () => {
    const ids = await enqueue(300, 'work');
    await startWorkers(['agenda', context.database.url, 'work'], ['agenda', context.database.url, 'work']);
    const ran = () => workers.flatMap((worker) => worker.ids('ran'));
    await workers[0]!.waitFor(() => ran().length >= ids.length, 40_000);
    // Give a duplicate run, if there were one, time to show up before stopping.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const worker of workers) worker.send('stop');
    await Promise.all(workers.map((worker) => worker.exited));
    expect(ran().length).toBe(ids.length);
    expect(ran().sort()).toEqual(ids.sort());
    expect(workers.every((worker) => worker.ids('ran').length > 0)).toBe(true);
    const { jobs } = await context.repository.queryJobs({ name: 'work' });
    expect(jobs.every((job) => job.lastFinishedAt !== undefined && job.lockedAt === undefined)).toBe(true);
  }, 60_000);

  it('a job whose worker was killed mid-run runs again once its lock lifetime has passed', async () => {
    const [id] = await enqueue(1, 'fragile');
    const lockLifetime = 1500;
    await startWorkers(['hang', context.database.url, 'fragile', String(lockLifetime)]);
    await workers[0]!.waitFor(() => workers[0]!.ids('started').length === 1);
    const startedAt = Date.now();
    workers[0]!.child.kill('SIGKILL');
    await workers[0]!.exited;
    const stuck = await context.repository.getJobById(id!);
    expect(stuck!.lockedAt).toBeInstanceOf(Date);

    const agenda = new Agenda({ backend: new TypeormAgendaBackend(context.dataSource), processEvery: 200 });
    const rerun = new Promise<number>((resolve) => {
      agenda.define('fragile', async (job: Job) => {
        if (job.attrs._id === id) resolve(Date.now());
      }, { lockLifetime });
    });
    await agenda.start();
    const finished = new Promise((resolve) => agenda.once('complete:fragile', resolve));
    const rerunAt = await rerun;
    await finished;
    await agenda.stop();
    expect(rerunAt - startedAt).toBeGreaterThanOrEqual(lockLifetime - 300);
    const done = await context.repository.getJobById(id!);
    expect(done!.lastFinishedAt).toBeInstanceOf(Date);
    expect(done!.lockedAt).toBeUndefined();
  }, 30_000);
});
