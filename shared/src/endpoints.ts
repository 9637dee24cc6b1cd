/** Route paths and task states as plain data (no zod): shared by the schemas, the hub and the browser client. */
import type { OperationName } from './operations.js';

/** The synchronous endpoint of each operation. */
export const SYNC_ENDPOINTS: Record<OperationName, string> = {
  process: '/api/v1/process',
  compliance: '/api/v1/compliance',
  'remove-background': '/api/v1/remove-background',
  upscale: '/api/v1/upscale',
  'backgrounds-generate': '/api/v1/backgrounds/generate',
  'relight-shadow': '/api/v1/relight/shadow',
  ocr: '/api/v1/ocr',
  gif: '/api/v1/gif',
  'gif-from-video': '/api/v1/gif-from-video',
};

/** Where a result is downloaded (key- or session-authenticated). */
export const resultPath = (id: string) => `/api/v1/results/${encodeURIComponent(id)}`;

/** `queued → processing → succeeded | failed | canceled`; a succeeded task becomes `expired` when its result is purged. */
export const TASK_STATUSES = ['queued', 'processing', 'succeeded', 'failed', 'canceled', 'expired'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** States a task never leaves (except `succeeded` → `expired`). */
export const FINISHED_TASK_STATUSES: readonly TaskStatus[] = ['succeeded', 'failed', 'canceled', 'expired'];

/** Terminal states a callback can be asked for (the seed contract's `webhook_events[]`). */
export const TASK_WEBHOOK_EVENTS = ['succeeded', 'failed'] as const;
export type TaskWebhookEvent = (typeof TASK_WEBHOOK_EVENTS)[number];

/** Longest `Prefer: wait=N` honoured on submit, in seconds. */
export const MAX_TASK_WAIT_SECONDS = 60;
/** Most ids one `GET /api/v1/jobs?ids=` answers. */
export const MAX_TASK_BATCH = 100;

export const taskPath = (id: string) => `/api/v1/jobs/${encodeURIComponent(id)}`;
export const taskResultPath = (id: string) => `${taskPath(id)}/result`;
export const processingTaskStatusPath = (id: string) =>
  `/api/processing-tasks/${encodeURIComponent(id)}/status`;
export const processingTaskResultPath = (id: string) =>
  `/api/processing-tasks/${encodeURIComponent(id)}/result`;
