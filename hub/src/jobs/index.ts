import type { JobDefinition } from './job-definition.js';
import { processTaskJob } from './process-task.job.js';
import { purgeResultsJob } from './purge-results.job.js';
import { recoverTasksJob } from './recover-tasks.job.js';

/** Every job the hub runs: one `<name>.job.ts` file each, listed here. */
export const jobDefinitions: readonly JobDefinition<never>[] = [processTaskJob, recoverTasksJob, purgeResultsJob] as JobDefinition<never>[];
