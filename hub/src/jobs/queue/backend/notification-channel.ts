import { BaseNotificationChannel, type JobNotification, type JobStateNotification } from 'agenda';

/**
 * Deliveries in flight per job name. Each one starts a queue fill that claims until nothing is due; a
 * few in parallel let claims keep up with many concurrent producers (SKIP LOCKED keeps them apart).
 */
const PARALLEL_FILLS = 4;

const runsEarlier = (a: JobNotification, b: JobNotification) =>
  a.nextRunAt === null || (b.nextRunAt !== null && a.nextRunAt.getTime() <= b.nextRunAt.getTime());

/**
 * Wakes this process's job processor when a job is saved in the same process, so it starts without
 * waiting for the next poll. Other processes still find it at their next poll (`processEvery`).
 *
 * Unlike agenda's InMemoryNotificationChannel, `publish` does not wait for the handlers (agenda's
 * handler fills the whole local queue, which would hold `job.save()` and so the HTTP request), and
 * notifications for a job name arriving while a delivery for it is in flight collapse into one
 * follow-up delivery once a slot frees up: a queue fill claims every due job, so a burst of saves
 * costs a handful of fills, not one per job.
 */
export class InProcessNotificationChannel extends BaseNotificationChannel {
  private readonly inFlight = new Map<string, number>();
  private readonly pending = new Map<string, JobNotification>();

  async connect(): Promise<void> {
    this.setState('connected');
  }

  async disconnect(): Promise<void> {
    this.pending.clear();
    this.handlers.clear();
    this.stateHandlers.clear();
    this.setState('disconnected');
  }

  async publish(notification: JobNotification): Promise<void> {
    if (this.state !== 'connected') throw new Error('Cannot publish: channel not connected');
    const name = notification.jobName;
    const waiting = this.pending.get(name);
    // Keep the earliest-due notification: the processor ignores ones due after its next scan.
    if (!waiting || runsEarlier(notification, waiting)) this.pending.set(name, notification);
    if ((this.inFlight.get(name) ?? 0) < PARALLEL_FILLS) this.deliverNext(name);
  }

  async publishState(notification: JobStateNotification): Promise<void> {
    if (this.state !== 'connected') throw new Error('Cannot publish state: channel not connected');
    setImmediate(() => void this.notifyStateHandlers(notification));
  }

  private deliverNext(name: string): void {
    const notification = this.pending.get(name);
    if (!notification) return;
    this.pending.delete(name);
    this.inFlight.set(name, (this.inFlight.get(name) ?? 0) + 1);
    setImmediate(() => {
      this.notifyHandlers(notification)
        .catch((error: unknown) => this.emit('error', error))
        .finally(() => {
          this.inFlight.set(name, (this.inFlight.get(name) ?? 1) - 1);
          if (this.state === 'connected') this.deliverNext(name);
        });
    });
  }
}
