import { z } from 'zod';
import { operationNames } from '../operations.js';
import { MAX_TASK_BATCH, MAX_TASK_WAIT_SECONDS, SYNC_ENDPOINTS } from '../endpoints.js';
import {
  processingTaskEndpointParams,
  processingTaskSchema,
  seedCallbackFields,
  taskIdParams,
  taskListQuery,
  taskListSchema,
  taskSchema,
  taskStatsSchema,
  v1CallbackFields,
} from '../schemas/tasks.js';
import { routeArea, type RouteSpec } from './define-route.js';
import { operationBody, PRESIGNED_REDIRECT, RESULT_MEDIA_TYPES } from './images.routes.js';

const binary = (description: string) => z.string().meta({ format: 'binary', description });

/** One body per operation: `operation` names it, the rest is that operation's multipart body. */
const submitBody = z
  .discriminatedUnion(
    'operation',
    operationNames.map((operation) =>
      operationBody(operation).extend({ operation: z.literal(operation), ...v1CallbackFields.shape }),
    ) as unknown as [z.ZodObject, ...z.ZodObject[]],
  )
  .meta({ id: 'TaskSubmission' });

const seedBody = z
  .object({
    image: binary('The image (rm-bg, ocr and the other image operations).').optional(),
    video: binary('The video (gif-from-video).').optional(),
    'frames[]': z
      .array(binary('One frame.'))
      .optional()
      .meta({ description: 'The frames, in order (gif-maker).' }),
    ...seedCallbackFields.shape,
  })
  .catchall(z.unknown())
  .meta({
    description:
      'The files of the endpoint’s operation, its parameters as form fields (as on its sync endpoint), and the callback fields.',
  });

const PREFER =
  `\`Prefer: wait=N\` (N ≤ ${MAX_TASK_WAIT_SECONDS}) holds the answer until the task finishes or N seconds pass: ` +
  '200 with the finished task, else 202 with the task as it is (`Preference-Applied: wait=N`).';
const FILE_ERRORS = ['unsupported_media_type', 'invalid_image', 'payload_too_large', 'not_found'] as const;
const RESULT =
  'The output bytes with their `Content-Type` and a `Content-Disposition` file name (OCR and compliance checks: the JSON ' +
  'report). 409 `task_not_finished` while queued or processing, 409 `conflict` when the task failed or was canceled, ' +
  '410 `result_expired` after the retention period.';

const tasks = routeArea({
  tag: 'Tasks',
  auth: 'key-or-session',
  read: ['tasks:read', 'process'],
  write: ['tasks:write', 'process'],
  idParams: taskIdParams,
});

/** A task's output download (both route families answer it the same way). */
const resultRoute = (path: string, summary: string): RouteSpec =>
  tasks.reads({
    method: 'get',
    path,
    summary,
    description: RESULT,
    response: {
      status: 200,
      schema: binary('The output.'),
      contentType: RESULT_MEDIA_TYPES,
      description: 'The output.',
    },
    also: [PRESIGNED_REDIRECT],
    errors: ['not_found', 'task_not_finished', 'conflict', 'result_expired'],
  });

/** The async task routes: v1 (`/api/v1/jobs`) and the seed contract (`/api/processing-tasks`). */
export const taskRoutes: RouteSpec[] = [
  tasks.writes({
    method: 'post',
    path: '/api/v1/jobs',
    summary: 'Submit an async task',
    description:
      `Runs any operation in a worker: \`operation\` (${operationNames.join(', ')}) plus exactly the fields and files of its ` +
      `sync endpoint (e.g. ${SYNC_ENDPOINTS.process}). Optional callback: \`webhookUrl\`, \`webhookEvents\` (succeeded, failed), ` +
      '`webhookSecret` (stored encrypted). Answers 202 with `Location` (the task), `status_url` and `result_url`. ' +
      `${PREFER} Session callers need the developer role.`,
    body: submitBody,
    bodyTypes: ['multipart'],
    response: {
      status: 202,
      schema: taskSchema,
      description: 'The task (`queued`, or further along under `Prefer: wait`).',
      headers: { Location: 'The task.' },
    },
    also: [{ status: 200, schema: taskSchema, description: 'Under `Prefer: wait`: the task, finished within the wait.' }],
    errors: [...FILE_ERRORS, 'forbidden', 'insufficient_credits'],
  }),
  tasks.reads({
    method: 'get',
    path: '/api/v1/jobs',
    summary: 'List tasks, or look several up by id',
    description:
      `Newest first; filter by \`status\` (one or a comma-separated list) and \`operation\`; page with \`cursor\`. With ` +
      `\`ids=a,b,c\` (at most ${MAX_TASK_BATCH}): those tasks in that order, ids that are not yours under \`missing\`.`,
    query: taskListQuery,
    response: { status: 200, schema: taskListSchema, description: 'A page of tasks.' },
  }),
  tasks.reads({
    method: 'get',
    path: '/api/v1/jobs/stats',
    summary: 'Task counts by status and the newest tasks',
    response: { status: 200, schema: taskStatsSchema, description: 'Counts and recent tasks.' },
  }),
  tasks.reads({
    method: 'get',
    path: '/api/v1/jobs/:id',
    summary: 'Get a task',
    description:
      'Poll this until `status` is `succeeded`, `failed` or `canceled` (or use `Prefer: wait` on submit, or a webhook).',
    response: { status: 200, schema: taskSchema, description: 'The task.' },
    errors: ['not_found'],
  }),
  resultRoute('/api/v1/jobs/:id/result', 'Download a task’s output'),
  tasks.writes({
    method: 'post',
    path: '/api/v1/jobs/:id/cancel',
    summary: 'Cancel a task',
    description:
      'A queued task is canceled at once (200). A processing one stops at its next checkpoint: 202 with `cancel_requested: true`; ' +
      'poll until `canceled` (or it finished first). Canceling a canceled task answers it again; a finished one is 409 `conflict`.',
    response: { status: 200, schema: taskSchema, description: 'Canceled.' },
    also: [{ status: 202, schema: taskSchema, description: 'Processing: `cancel_requested: true`, it stops at its next checkpoint.' }],
    errors: ['not_found', 'conflict', 'forbidden'],
  }),
  tasks.writes({
    method: 'post',
    path: '/api/processing-tasks/:endpoint',
    summary: 'Submit an async processing task (plugin contract)',
    description:
      '`endpoint`: `rm-bg`, `ocr`, `gif-from-video`, `gif-maker` or any other operation name. Files `image` (or `video`, ' +
      '`frames[]`), the operation’s parameters, optional `webhook_url`, `webhook_events[]` (succeeded, failed) and ' +
      `\`webhook_secret\` (stored encrypted). Answers 202 with \`status_url\` and \`result_url\` to poll. ${PREFER}`,
    params: processingTaskEndpointParams,
    body: seedBody,
    bodyTypes: ['multipart'],
    response: {
      status: 202,
      schema: processingTaskSchema,
      description: 'The queued task and its polling URLs.',
    },
    also: [{ status: 200, schema: processingTaskSchema, description: 'Under `Prefer: wait`: the task, finished within the wait.' }],
    errors: [...FILE_ERRORS, 'forbidden', 'insufficient_credits'],
  }),
  tasks.reads({
    method: 'get',
    path: '/api/processing-tasks/:id/status',
    summary: 'Poll an async processing task (plugin contract)',
    response: { status: 200, schema: processingTaskSchema, description: 'The task.' },
    errors: ['not_found'],
  }),
  resultRoute(
    '/api/processing-tasks/:id/result',
    'Download an async processing task’s result (plugin contract)',
  ),
];
