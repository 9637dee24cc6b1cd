import type { Logger } from '../../logger.js';

/** Cancellation is looked for at least this often while a task runs. */
const CANCEL_POLL_MS = 1000;

/**
 * While a task runs: keeps it alive — extends the job's lock and stamps the task — at once and then every
 * quarter of the lock's lifetime (a live worker keeps the task, a dead one loses it), and polls for a
 * cancel request, aborting `signal` when one arrives.
 */
export class Heartbeat {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private lastTouch = 0;
  private busy = false;

  constructor(
    private readonly keepAlive: () => Promise<void>,
    private readonly cancelRequested: () => Promise<boolean>,
    private readonly lockLifetimeMs: number,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => void this.beat(), Math.min(CANCEL_POLL_MS, lockLifetimeMs / 4));
    void this.beat();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async beat(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      if (Date.now() - this.lastTouch >= this.lockLifetimeMs / 4) {
        this.lastTouch = Date.now();
        await this.keepAlive();
      }
      if (!this.controller.signal.aborted && (await this.cancelRequested()))
        this.controller.abort(new Error('task canceled'));
    } catch (error) {
      this.logger.warn({ err: error }, 'task heartbeat failed');
    } finally {
      this.busy = false;
    }
  }
}
