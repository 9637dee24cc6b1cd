// The durable in-process worker: webhook events and app tasks are rows; a poller claims due rows with a
// conditional UPDATE (one claimer wins, on SQLite and MySQL alike), runs them, and retries failures with
// backoff. A crashed process leaves rows 'running' with a lock that expires; they are claimed again.
import { randomBytes } from 'node:crypto';
import { LessThan, LessThanOrEqual, type DataSource, type ObjectLiteral, type Repository } from 'typeorm';
import { AppTaskRow } from '../db/entities/app-task.entity.js';
import { WebhookEventRow } from '../db/entities/webhook-event.entity.js';
import type { Logger } from '../logger.js';

export const MAX_ATTEMPTS = 8;
const LOCK_MS = 5 * 60_000;
const TASK_PARALLELISM = 4;

export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;

type QueueRow = ObjectLiteral & { id: string; status: string; attempts: number; runAfter: Date; lockedUntil: Date | null; outcome: string | null };

export interface TaskHandlers {
  webhook(event: WebhookEventRow): Promise<string>;
  task(task: AppTaskRow): Promise<string>;
}

/** A handler's way of saying "try later" without counting as a failure of the work (e.g. a run still going). */
export class RetryLater extends Error {
  constructor(readonly delayMs: number, message = 'not ready yet') {
    super(message);
  }
}

export class TaskQueue {
  private readonly events: Repository<WebhookEventRow>;
  private readonly tasks: Repository<AppTaskRow>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private handlers: TaskHandlers | undefined;

  constructor(dataSource: DataSource, private readonly logger: Logger, private readonly pollMs: number) {
    this.events = dataSource.getRepository(WebhookEventRow);
    this.tasks = dataSource.getRepository(AppTaskRow);
  }

  async enqueue(shop: string, kind: string, payload: Record<string, unknown>, delayMs = 0): Promise<string> {
    const id = newId('tsk');
    const now = new Date();
    await this.tasks.insert({ id, shop, kind, payload: payload as never, status: 'queued', attempts: 0, runAfter: new Date(now.getTime() + delayMs), lockedUntil: null, outcome: null, createdAt: now });
    this.poke();
    return id;
  }

  /** Handlers without the timer: drain() runs the work when the caller says (tests). */
  use(handlers: TaskHandlers): void {
    this.handlers = handlers;
  }

  start(handlers: TaskHandlers): void {
    this.handlers = handlers;
    this.stopped = false;
    this.schedule(0);
  }

  /** Run a poll soon (after a new row). */
  poke(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass over due rows; resolves when they ran (tests call it directly). */
  async drain(): Promise<number> {
    let done = 0;
    for (;;) {
      const ran = (await this.pass(this.events, (row) => this.handlers!.webhook(row))) + (await this.pass(this.tasks, (row) => this.handlers!.task(row)));
      done += ran;
      if (ran === 0) return done;
    }
  }

  private schedule(delay: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .catch((error: unknown) => this.logger.error({ err: error }, 'worker pass failed'))
        .then(() => undefined)
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.pollMs);
        });
    }, delay);
    this.timer.unref?.();
  }

  private async pass<T extends QueueRow>(repository: Repository<T>, run: (row: T) => Promise<string>): Promise<number> {
    if (!this.handlers) return 0;
    const now = new Date();
    const due = [
      ...(await repository.find({ where: { status: 'queued', runAfter: LessThanOrEqual(now) } as never, order: { runAfter: 'ASC' } as never, take: 20 })),
      ...(await repository.find({ where: { status: 'running', lockedUntil: LessThan(now) } as never, take: 5 })),
    ];
    const claimed: T[] = [];
    for (const row of due) {
      const result = await repository
        .createQueryBuilder()
        .update()
        .set({ status: 'running', lockedUntil: new Date(Date.now() + LOCK_MS), attempts: row.attempts + 1 } as never)
        .where('id = :id AND status = :status AND attempts = :attempts', { id: row.id, status: row.status, attempts: row.attempts })
        .execute();
      if (result.affected) claimed.push(row);
    }
    // Webhook events one after another (in the order received); tasks (publishes, restores) a few at a time.
    const width = repository === (this.events as unknown) ? 1 : TASK_PARALLELISM;
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(width, claimed.length) }, async () => {
        while (next < claimed.length) await this.runOne(repository, claimed[next++]!, run);
      }),
    );
    return claimed.length;
  }

  private async runOne<T extends QueueRow>(repository: Repository<T>, row: T, run: (row: T) => Promise<string>) {
    const attempts = row.attempts + 1;
    try {
      const outcome = await run(row);
      await repository.update({ id: row.id } as never, { status: 'done', lockedUntil: null, outcome, ...('processedAt' in row ? { processedAt: new Date() } : {}) } as never);
    } catch (error) {
      if (error instanceof RetryLater) {
        // Waiting is not failing: the attempt is given back.
        await repository.update({ id: row.id } as never, { status: 'queued', attempts: row.attempts, lockedUntil: null, runAfter: new Date(Date.now() + error.delayMs), outcome: error.message } as never);
        return;
      }
      const message = (error as Error).message ?? String(error);
      const final = attempts >= MAX_ATTEMPTS;
      this.logger.warn({ id: row.id, attempts, err: error }, final ? 'work failed for good' : 'work failed; retrying');
      await repository.update(
        { id: row.id } as never,
        { status: final ? 'failed' : 'queued', lockedUntil: null, runAfter: new Date(Date.now() + Math.min(2 ** attempts * 1000, 10 * 60_000)), outcome: message.slice(0, 2000) } as never,
      );
    }
  }
}
