import os from 'node:os';
import { Agenda, type Job } from 'agenda';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { TypeormAgendaBackend } from './backend/index.js';
import type { JobContext, JobDefinition } from './job-definition.js';

/**
 * The hub's job queue: agenda 6 on the hub's own database. Every role can enqueue; only processes
 * that `start()` it (roles `worker` and `all`) run jobs.
 */
export class JobQueue {
  readonly agenda: Agenda;
  private readonly definitions = new Map<string, JobDefinition<never>>();
  private running = false;

  constructor(
    db: DataSource,
    private readonly options: Config['jobs'],
    private readonly logger: Logger,
  ) {
    this.agenda = new Agenda({
      backend: new TypeormAgendaBackend(db),
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
      this.agenda.define(
        definition.name,
        async (job: Job<never>) => {
          await definition.run(job.attrs.data, { ...context, job: job as Job<unknown> });
        },
        {
          concurrency: this.options.concurrency[definition.name] ?? tuning.concurrency,
          lockLifetime: tuning.lockLifetimeMs,
          backoff: tuning.backoff,
          removeOnComplete: tuning.removeOnComplete,
        },
      );
    }
    this.agenda.on('fail', (error: Error | string, job: { attrs: { name: string } }) => {
      this.logger.warn({ job: job.attrs.name, err: error }, 'job attempt failed');
    });
  }

  /** Saves a one-off job (now, or at `at`) and returns its id. Started at once when this process runs jobs. */
  async enqueue<Data>(name: string, data: Data, options: { at?: Date } = {}): Promise<string> {
    const job = this.agenda.create(name, data);
    if (options.at) job.schedule(options.at);
    await job.save();
    return String(job.attrs._id);
  }

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
