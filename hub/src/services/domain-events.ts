import type { TaskStatus } from '@pixport/shared';
import type { Logger } from '../logger.js';

/**
 * `task.finished`: a task reached `succeeded`, `failed` or `canceled`. Emitted once per task by the
 * process that finished it (a worker, or the HTTP process that canceled a queued task), and again by
 * the recovery sweep if that process stopped before every subscriber had taken it — so delivery is
 * at least once: dedupe on `id`.
 */
export interface TaskFinishedEvent {
  /** Stable per task and ending: use it as the idempotency / webhook-id key. */
  id: string;
  taskId: string;
  organizationId: string;
  keyId: string | null;
  operation: string;
  /** The name the client submitted under (`rm-bg`, `remove-background`) and the route family. */
  endpoint: string;
  api: 'v1' | 'seed';
  status: Extract<TaskStatus, 'succeeded' | 'failed' | 'canceled'>;
  error: { code: string; message: string } | null;
  resultId: string | null;
  outputFilename: string | null;
  /** Paths (prefix PUBLIC_URL) where the task's status and result are read, in its route family. */
  statusPath: string;
  resultPath: string;
  finishedAt: Date;
  /** The per-task callback, when one was given; the secret via `TaskService.callbackSecret(taskId)`. */
  callback: { url: string; events: string[]; hasSecret: boolean } | null;
}

export interface DomainEventMap {
  'task.finished': TaskFinishedEvent;
}
export type DomainEventName = keyof DomainEventMap;
type Handler<E extends DomainEventName> = (event: DomainEventMap[E]) => Promise<void> | void;

/**
 * The hub's in-process domain events (`services.events`). Subscribers register once in `composition.ts`
 * (`events.on('task.finished', …)`) and should only do quick, durable work — typically enqueue a job
 * of their own (an `Enqueue` from `job-port.ts`), which any worker process then runs. `emit` runs every
 * handler and rejects if one failed, so the emitter can keep the event owed and emit it again later.
 */
export class DomainEvents {
  private readonly handlers = new Map<DomainEventName, Set<Handler<never>>>();

  constructor(private readonly logger: Logger) {}

  /** Subscribes; returns the unsubscribe function. */
  on<E extends DomainEventName>(name: E, handler: Handler<E>): () => void {
    const set = this.handlers.get(name) ?? new Set();
    set.add(handler as Handler<never>);
    this.handlers.set(name, set);
    return () => set.delete(handler as Handler<never>);
  }

  async emit<E extends DomainEventName>(name: E, event: DomainEventMap[E]): Promise<void> {
    const handlers = [...(this.handlers.get(name) ?? [])] as Handler<E>[];
    const outcomes = await Promise.allSettled(handlers.map(async (handler) => handler(event)));
    const failures = outcomes.filter(
      (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
    );
    for (const failure of failures)
      this.logger.error({ err: failure.reason, event: name }, 'domain event handler failed');
    if (failures.length > 0)
      throw new AggregateError(
        failures.map((failure) => failure.reason as unknown),
        `${failures.length} ${name} handler(s) failed`,
      );
  }
}
