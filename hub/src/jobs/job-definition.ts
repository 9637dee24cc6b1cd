import type { BackoffStrategy, Job } from 'agenda';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services/index.js';

/** What a job's `run` gets besides its data: the domain services, never HTTP. */
export interface JobContext {
  services: Services;
  config: Config;
  logger: Logger;
  /** The agenda job (progress: `job.touch(percent)` also extends the lock). */
  job: Job<unknown>;
}

/** How a job runs; static in the definition, or from configuration through `tune`. */
export interface JobTuning {
  /** Parallel runs per process (JOB_CONCURRENCY=name=n overrides). */
  concurrency?: number;
  /** How long a run may hold its lock before another worker takes the job over (crash recovery). */
  lockLifetimeMs?: number;
  backoff?: BackoffStrategy;
  /** Delete a one-off job once it ran successfully (jobs that would otherwise pile up, one per task). */
  removeOnComplete?: boolean;
  /**
   * Claim only as many jobs of this name as run at once (its concurrency), and the next as soon as one
   * completes: no local backlog whose locks could lapse while it waits, and a backlog spreads over
   * every worker instead of going to the first one that polls.
   */
  claimOnlyWhatRuns?: boolean;
}

/**
 * One file per job (`<name>.job.ts`) exports one of these, and `jobs/index.ts` lists it.
 * A thrown error fails the attempt; `backoff` decides whether and when agenda retries it.
 */
export interface JobDefinition<Data = unknown> extends JobTuning {
  name: string;
  /** Tuning read from configuration; overrides the static fields. */
  tune?(config: Config): JobTuning;
  /** Recurring job: one schedule shared by every process (an agenda interval, e.g. '15 minutes'). */
  every?: string;
  run(data: Data, context: JobContext): Promise<void>;
}

export function defineJob<Data>(definition: JobDefinition<Data>): JobDefinition<Data> {
  return definition;
}
