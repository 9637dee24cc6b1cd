import type { BackoffStrategy, Job } from 'agenda';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { CatalogComplianceRunner } from '../services/catalog-compliance.runner.js';
import type { CatalogRunRunner } from '../services/catalog-run.runner.js';
import type { CatalogRunService } from '../services/catalog-run.service.js';
import type { CatalogSyncRunner } from '../services/catalog-sync.runner.js';
import type { CreditService } from '../services/credit.service.js';
import type { IdempotencyService } from '../services/idempotency.service.js';
import type { PublishRunner } from '../services/publish.runner.js';
import type { PublishService } from '../services/publish.service.js';
import type { TaskService } from '../services/tasks/task.service.js';
import type { Webhooks } from '../webhooks/index.js';

/**
 * The services jobs call, by their own types (never the composition root's `Services` bag, which is built
 * from the jobs: that would be an import circle). The composition root passes its bag, which has them all.
 */
export interface JobServices {
  tasks: Pick<TaskService, 'runner' | 'sweeper'>;
  credits: Pick<CreditService, 'refillDue' | 'settleStragglers'>;
  idempotency: Pick<IdempotencyService, 'purgeExpired'>;
  webhooks: Pick<Webhooks, 'deliverer' | 'maintenance' | 'announceExpiringKeys'>;
  publish: Pick<PublishService, 'recover'>;
  publisher: Pick<PublishRunner, 'run'>;
  catalogSync: Pick<CatalogSyncRunner, 'run'>;
  catalogCompliance: Pick<CatalogComplianceRunner, 'run'>;
  catalogRuns: { service: Pick<CatalogRunService, 'resumeFunded'>; runner: Pick<CatalogRunRunner, 'run'> };
}

/** What a job's `run` gets besides its data: the domain services, never HTTP. */
export interface JobContext {
  services: JobServices;
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
