import type { JobDefinition } from './job-definition.js';
import { processTaskJob } from './process-task.job.js';
import { purgeExpiredJob } from './purge-expired.job.js';
import { recoverTasksJob } from './recover-tasks.job.js';

/** Every job the hub runs: one `<name>.job.ts` file each, listed here. */
export const jobDefinitions: readonly JobDefinition<never>[] = [processTaskJob, recoverTasksJob, purgeExpiredJob] as JobDefinition<never>[];
