import type { BackoffStrategy } from 'agenda';
import type { ProcessTaskJobData } from '../services/tasks/task.sweeper.js';
import { defineJob } from './job-definition.js';

/** The longest wait between two runs of a task. */
const MAX_RETRY_DELAY_MS = 10 * 60_000;

/** Doubling delays from `firstDelayMs`; the runner decides when a task has had its last run. */
export const taskBackoff =
  (firstDelayMs: number): BackoffStrategy =>
  ({ attempt }) =>
    Math.min(firstDelayMs * 2 ** (Math.max(1, attempt) - 1), MAX_RETRY_DELAY_MS);

/**
 * Runs one async task (any image operation) in a worker process. One job per task, removed once it
 * ran; a worker claims only the tasks it runs at once, so a backlog spreads over the workers; the lock
 * (TASK_LOCK_SECONDS) is kept alive by the runner's heartbeat, so the task of a worker that died is
 * taken over once it lapses.
 */
export const processTaskJob = defineJob<ProcessTaskJobData>({
  name: 'process-task',
  concurrency: 2,
  removeOnComplete: true,
  claimOnlyWhatRuns: true,
  tune: (config) => ({
    lockLifetimeMs: config.tasks.lockLifetimeMs,
    backoff: taskBackoff(config.tasks.retryDelayMs),
  }),
  async run({ taskId }, { services, job }) {
    await services.tasks.runner.run(taskId, { jobId: String(job.attrs._id), touch: () => job.touch() });
  },
});
