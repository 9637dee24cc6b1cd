import os from 'node:os';
import { Agenda, type Job } from 'agenda';
import type { DataSource } from 'typeorm';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { TypeormAgendaBackend } from './backend/index.js';
import type { Enqueue, RequeueStranded } from '../../services/job-port.js';
import type { JobContext, JobDefinition } from '../job-definition.js';
import { requeueStrandedRows } from './stranded-rows.js';

/**
 * The hub's job queue: agenda 6 on the hub's own database. Every role can enqueue; only processes
 * that `start()` it (roles `worker` and `all`) run jobs.
 */
export class JobQueue {
  readonly agenda: Agenda;
  private readonly backend: TypeormAgendaBackend;
  private readonly definitions = new Map<string, JobDefinition<never>>();
  private running = false;

  constructor(
    private readonly db: DataSource,
    private readonly options: Config['jobs'],
    private readonly logger: Logger,
  ) {
    this.backend = new TypeormAgendaBackend(db);
    this.agenda = new Agenda({
      backend: this.backend,
      name: `${os.hostname()}:${process.pid}`,
      processEvery: options.pollIntervalMs,
      maxConcurrency: options.maxConcurrency,
      defaultConcurrency: 5,
    });
    this.agenda.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
  }

  /** Registers the job definitions with what their `run` needs. */
  define(definitions: readonly JobDefinition<never>[], context: Omit<JobContext, 'job'>): void {
    for (const definition of definitions) {
      if (this.definitions.has(definition.name)) throw new Error(`job "${definition.name}" defined twice`);
      this.definitions.set(definition.name, definition);
      const tuning = { ...definition, ...definition.tune?.(context.config) };
      const concurrency = this.options.concurrency[definition.name] ?? tuning.concurrency;
      this.afterEachRun(definition.name, {
        remove: tuning.removeOnComplete ?? false,
        refill: tuning.claimOnlyWhatRuns ?? false,
      });
      this.agenda.define(
        definition.name,
        async (job: Job<never>) => {
          await definition.run(job.attrs.data, { ...context, job: job as Job<unknown> });
        },
        {
          concurrency,
          lockLimit: tuning.claimOnlyWhatRuns ? (concurrency ?? 5) : undefined,
          lockLifetime: tuning.lockLifetimeMs,
          backoff: tuning.backoff,
        },
      );
    }
    this.agenda.on('fail', (error: Error | string, job: { attrs: { name: string } }) => {
      this.logger.warn({ job: job.attrs.name, err: error }, 'job attempt failed');
    });
  }

  /**
   * Once a run of `name` is over (its state saved): delete the job if it succeeded for good (`remove`,
   * agenda's removeOnComplete done here, so its run slot frees without waiting for the delete), and claim
   * the next job at once (`refill`; agenda would otherwise wait for its next poll). The claim is woken
   * through the notification channel, which runs it after agenda has released the slot.
   */
  private afterEachRun(name: string, what: { remove: boolean; refill: boolean }): void {
    if (!what.remove && !what.refill) return;
    this.agenda.on(`complete:${name}`, (job: Job) => {
      const { _id: id, failedAt, lastFinishedAt, nextRunAt } = job.attrs;
      const succeeded = !failedAt || (lastFinishedAt !== undefined && lastFinishedAt > failedAt);
      if (what.remove && succeeded && !nextRunAt) {
        this.agenda
          .cancel({ id: String(id) })
          .catch((error: unknown) =>
            this.logger.warn({ err: error, job: name }, 'could not remove a finished job'),
          );
      }
      if (what.refill && this.running) {
        const now = new Date();
        const wake = {
          jobId: id!,
          jobName: name,
          nextRunAt: now,
          priority: 0,
          timestamp: now,
          source: 'refill',
        };
        this.backend.notificationChannel
          .publish(wake)
          .catch((error: unknown) => this.logger.warn({ err: error }, 'job refill failed'));
      }
    });
  }

  /** Saves a one-off job (now, or at `at`) and returns its id. Started at once when this process runs jobs. */
  async enqueue<Data>(name: string, data: Data, options: { at?: Date } = {}): Promise<string> {
    const job = this.agenda.create(name, data);
    if (options.at) job.schedule(options.at);
    await job.save();
    return String(job.attrs._id);
  }

  /** The enqueue function of one job, typed by its data: what the composition root hands the services. */
  enqueuer<Data>(definition: Pick<JobDefinition<Data>, 'name'>): Enqueue<Data> {
    return (data, options) => this.enqueue(definition.name, data, options);
  }

  /** The stranded-row sweep (`stranded-rows.ts`) on this queue's database, for the services' recovery jobs. */
  readonly requeueStranded: RequeueStranded = (kind, now) => requeueStrandedRows(this.db, kind, now);

  /** Starts running jobs in this process and (re)schedules the recurring ones. */
  async start(): Promise<void> {
    await this.agenda.ready;
    for (const definition of this.definitions.values()) {
      if (definition.every) await this.agenda.every(definition.every, definition.name);
    }
    await this.agenda.start();
    this.running = true;
  }

  /** Stops taking jobs and waits up to `timeoutMs` for running ones (the rest are reclaimed after their lock expires). */
  async stop(timeoutMs: number): Promise<void> {
    if (!this.running) return;
    this.running = false;
    const result = await this.agenda.drain({ timeout: timeoutMs });
    if (result.timedOut) this.logger.warn({ still_running: result.running }, 'jobs still running at shutdown');
  }
}
