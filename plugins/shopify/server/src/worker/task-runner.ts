// What each app task kind does (the worker calls this for every claimed row of app_tasks).
import type { AppTaskRow } from '../db/entities/app-task.entity.js';
import type { AutomationService } from '../services/automation.service.js';
import type { JobsService } from '../services/jobs.service.js';
import { FINISHED_RUN_STATUSES } from '../services/jobs.service.js';
import type { ReviewService } from '../services/review.service.js';
import { RetryLater } from './task-queue.js';

interface TaskServices {
  jobs: JobsService;
  review: ReviewService;
  automation: AutomationService;
}

export async function runTask(services: TaskServices, task: AppTaskRow): Promise<string> {
  const payload = task.payload as Record<string, string>;
  switch (task.kind) {
    case 'publish':
      return services.review.runPublish(task.shop, payload.item_id!);
    case 'restore':
      return services.review.runRestore(task.shop, payload.item_id!);
    case 'automation-run':
      return services.automation.runQueued(task.shop, task.payload as { product_id: string; preset_id: string; mode: 'review' | 'publish' });
    case 'job-sync': {
      // Follows a job while its run goes on: mirrors items and, for auto-publish jobs, publishes as they finish.
      const { row, run, published } = await services.jobs.syncItems(task.shop, payload.job_id!, { force: true });
      // Auto-publish jobs: the hub published these; the app records them (undo, loop-safety).
      if (published.length > 0) await services.review.recordHubPublished(task.shop, published);
      const status = run?.status ?? row.status;
      if (FINISHED_RUN_STATUSES.has(status)) return `run ${status}`;
      // A paused run is followed slowly: it resumes by itself when credits return.
      throw new RetryLater(status === 'paused' ? 10_000 : 1500, `run ${status}`);
    }
    default:
      return `unknown task kind ${task.kind}`;
  }
}
