import { z } from 'zod';
import { cursorQuery, idParam, page } from '../schemas/common.js';
import {
  catalogEstimateSchema,
  catalogProcessBody,
  catalogRunItemSchema,
  catalogRunItemsQuery,
  catalogRunSchema,
} from '../schemas/catalog-runs.js';
import { catalogFacetsQuery, catalogFacetsSchema, catalogPageSchema, catalogQuery } from '../schemas/catalog.js';
import {
  publishBody,
  publishEventSchema,
  publishEventsQuery,
  signedLinkParams,
  signedLinkQuery,
} from '../schemas/publish.js';
import {
  catalogSyncSchema,
  createIntegrationBody,
  integrationSchema,
  syncIntegrationBody,
  updateIntegrationBody,
  verifyIntegrationResponse,
} from '../schemas/integrations.js';
import { routeArea, type RouteSpec } from './define-route.js';

const MARKETPLACE_ERRORS = [
  'marketplace_auth_failed',
  'marketplace_rejected',
  'marketplace_not_found',
  'marketplace_unavailable',
  'marketplace_throttled',
] as const;

const marketplace = routeArea({
  tag: 'Marketplaces',
  auth: 'key-or-session',
  read: 'marketplace:read',
  write: 'marketplace:publish',
  idParams: idParam,
});

/** Marketplace integrations, catalog sync, direct publish. */
export const integrationRoutes: RouteSpec[] = [
  marketplace.writes({
    method: 'post',
    path: '/api/v1/integrations',
    summary: 'Connect a marketplace (Shopify, WooCommerce, Amazon bridge)',
    description:
      'Stores the credentials encrypted (AES-256-GCM, bound to the integration); they are never answered again, only masked. ' +
      'The marketplace is not contacted: call verify next. Sessions need the developer role.',
    body: createIntegrationBody,
    response: { status: 201, schema: integrationSchema, description: 'Created (status `unverified`).' },
    errors: ['forbidden'],
  }),
  marketplace.reads({
    method: 'get',
    path: '/api/v1/integrations',
    summary: 'The organization’s integrations, credentials masked',
    response: {
      status: 200,
      schema: z.object({ data: z.array(integrationSchema) }),
      description: 'Newest first.',
    },
  }),
  marketplace.reads({
    method: 'get',
    path: '/api/v1/integrations/:id',
    summary: 'One integration, credentials masked',
    response: { status: 200, schema: integrationSchema, description: 'The integration.' },
    errors: ['not_found'],
  }),
  marketplace.writes({
    method: 'patch',
    path: '/api/v1/integrations/:id',
    summary: 'Rename, or change some credential fields',
    body: updateIntegrationBody,
    response: { status: 200, schema: integrationSchema, description: 'Updated.' },
    errors: ['not_found', 'forbidden', 'conflict'],
  }),
  marketplace.writes({
    method: 'delete',
    path: '/api/v1/integrations/:id',
    summary: 'Disconnect: delete the integration, its credentials and its synced catalog',
    response: { status: 204, description: 'Deleted.' },
    errors: ['not_found', 'forbidden'],
  }),
  marketplace.writes({
    method: 'post',
    path: '/api/v1/integrations/:id/verify',
    summary: 'Check the stored credentials with the marketplace',
    description:
      'Success marks the integration `verified` with the account the marketplace named. Refused credentials answer 422 ' +
      '`marketplace_auth_failed` and mark it `invalid`; an unreachable marketplace answers 502 `marketplace_unavailable`, a ' +
      'throttling one 503 `marketplace_throttled` with `Retry-After`. Problems carry `marketplace_code` and `marketplace_message`.',
    response: { status: 200, schema: verifyIntegrationResponse, description: 'The credentials work.' },
    errors: ['not_found', 'forbidden', 'conflict', ...MARKETPLACE_ERRORS],
  }),
  marketplace.writes({
    method: 'post',
    path: '/api/v1/integrations/:id/sync',
    summary: 'Sync the catalog from the marketplace (asynchronous)',
    description:
      'Queues a sync and answers 202 with its state (`Location` is the status URL). The first sync (or `full: true`) reads ' +
      'every product and then drops the ones the marketplace no longer has; later ones read only products changed since the ' +
      'last successful sync. Shopify syncs honour the cost-based throttle and switch to a bulk operation when that is ' +
      'faster. One sync per integration at a time: another request meanwhile answers 409 `conflict` with the running `sync`.',
    body: syncIntegrationBody,
    response: { status: 202, schema: catalogSyncSchema, description: 'Queued.' },
    errors: ['not_found', 'forbidden', 'conflict'],
  }),
  marketplace.reads({
    method: 'get',
    path: '/api/v1/integrations/:id/sync',
    summary: 'Progress of the current or last catalog sync',
    description:
      '`fetched` of `total` (when the marketplace tells) while running; a failed sync carries `error` with the marketplace’s code.',
    response: { status: 200, schema: catalogSyncSchema, description: 'The sync state.' },
    errors: ['not_found'],
  }),
  marketplace.reads({
    method: 'get',
    path: '/api/v1/catalog',
    summary: 'The synced catalog: products with SKUs, variants and images',
    description:
      'Most recently changed first (keyset-paged: filters and the cursor combine). `integration` narrows to one integration, ' +
      '`q` matches title, SKUs and product id; `vendor`, `product_type`, `status`, `collection` match exactly; `fails` keeps ' +
      'products with an image failing a marketplace’s rules. Each image carries `compliance` per marketplace from the hub’s ' +
      'own check (run after every sync, never charged); `total` counts the products matching.',
    query: catalogQuery,
    response: { status: 200, schema: catalogPageSchema, description: 'A page of products.' },
    errors: ['not_found'],
  }),
  marketplace.reads({
    method: 'get',
    path: '/api/v1/catalog/facets',
    summary: 'The values the catalog filters take: vendors, product types, collections',
    query: catalogFacetsQuery,
    response: { status: 200, schema: catalogFacetsSchema, description: 'Sorted distinct values.' },
    errors: ['not_found'],
  }),
  marketplace.writes({
    method: 'post',
    path: '/api/v1/publish',
    summary: 'Publish a processed image to a marketplace product (asynchronous)',
    description:
      'Give the image as `result_id` (a sync operation’s output) or `task_id` (a succeeded async task). Answers 202 with the ' +
      'publish event (`Location` polls it); the `publish-image` job then uploads it: Shopify staged upload + ' +
      '`productUpdate(media:)`, WooCommerce media upload + product images by id (the other images stay), Amazon bridge ' +
      '`publish` with a signed public link of the image. `position` places it (1 = main), `replace_image_id` swaps an image ' +
      '(detached, not deleted). The outcome is the event’s `status` and the `publish.succeeded` / `publish.failed` webhooks.',
    body: publishBody,
    response: { status: 202, schema: publishEventSchema, description: 'Queued.' },
    errors: [
      'not_found',
      'forbidden',
      'task_not_finished',
      'conflict',
      'result_expired',
      'service_unavailable',
    ],
  }),
  marketplace.reads({
    method: 'get',
    path: '/api/v1/publish/events',
    summary: 'Recent publish activity, newest first',
    description: 'Product, image, marketplace, status, error and times of each publish.',
    query: publishEventsQuery,
    response: { status: 200, schema: page(publishEventSchema), description: 'A page of publish events.' },
  }),
  marketplace.reads({
    method: 'get',
    path: '/api/v1/publish/events/:id',
    summary: 'One publish and its outcome',
    response: { status: 200, schema: publishEventSchema, description: 'The publish event.' },
    errors: ['not_found'],
  }),
  marketplace.writes({
    method: 'post',
    path: '/api/v1/publish/events/:id/restore',
    summary: 'Undo a publish: put the replaced original back, detach the published image',
    description:
      'Through the connector (Shopify, WooCommerce): the image the publish replaced goes back to its position with its ' +
      'alt text and variant links, and the published image is detached (the marketplace keeps the file, e.g. in ' +
      'Shopify Files). Answers the event, now `restored`; again for a restored event (idempotent). Only `succeeded` ' +
      'publishes can be restored (409 otherwise, also while another restore of it runs); a marketplace failure leaves ' +
      'it `succeeded` with the `error`.',
    response: { status: 200, schema: publishEventSchema, description: 'Restored.' },
    errors: ['not_found', 'forbidden', 'conflict', ...MARKETPLACE_ERRORS],
  }),
  {
    method: 'get',
    path: '/api/v1/public/results/:organization_id/:file',
    tag: 'Marketplaces',
    summary: 'A result at a time-limited signed public URL (what the Amazon bridge hands Amazon)',
    description:
      'No API key: the `signature` (HMAC-SHA256 over method, path and `expires`, checked in constant time) is the permission. ' +
      'A link the hub did not sign, or one that was changed, answers 403 `invalid_signature`; after `expires` 410 ' +
      '`link_expired`; a purged result 410 `result_expired`. Links live `SIGNED_URL_TTL_HOURS` (default 24 h), at most as long as the result.',
    auth: 'none',
    params: signedLinkParams,
    query: signedLinkQuery,
    response: {
      status: 200,
      schema: z.string().meta({ format: 'binary' }),
      contentType: 'image/*',
      description: 'The image.',
    },
    errors: ['invalid_signature', 'link_expired', 'result_expired', 'not_found'],
  },
  marketplace.writes({
    method: 'post',
    path: '/api/v1/catalog/process',
    summary: 'Process a synced catalog’s product images in bulk (asynchronous, resumable)',
    description:
      'One run over `product_ids` or `all` products of the synced catalog, their `main` image or `all` images: each image is ' +
      'downloaded from the marketplace, skipped when the same content was already processed with the same parameters, else ' +
      'processed as an async task (`operation` with `params` / `preset`, checked up front), and with `publish` put back on ' +
      'its product — in the original’s place (`replace`, default) only once the new image is uploaded, so a failure never ' +
      'touches the original. Answers 202 with the run and its `counts`; follow it at `Location`.',
    body: catalogProcessBody,
    response: { status: 202, schema: catalogRunSchema, description: 'Queued.' },
    errors: ['not_found', 'forbidden'],
  }),
  marketplace.reads({
    method: 'get',
    path: '/api/v1/catalog/runs',
    summary: 'Bulk runs, newest first',
    query: cursorQuery,
    response: { status: 200, schema: page(catalogRunSchema), description: 'A page of runs.' },
  }),
  marketplace.reads({
    method: 'get',
    path: '/api/v1/catalog/runs/:id',
    summary: 'A bulk run with its progress counts',
    response: { status: 200, schema: catalogRunSchema, description: 'The run.' },
    errors: ['not_found'],
  }),
  marketplace.reads({
    method: 'get',
    path: '/api/v1/catalog/runs/:id/items',
    summary: 'The images of a bulk run and how each went',
    query: catalogRunItemsQuery,
    response: { status: 200, schema: page(catalogRunItemSchema), description: 'In run order.' },
    errors: ['not_found'],
  }),
  marketplace.writes({
    method: 'post',
    path: '/api/v1/catalog/estimate',
    summary: 'What a bulk run of this body would cover and cost, without starting it',
    description:
      'The same body as `POST /api/v1/catalog/process`: products and images selected, credits per image for this caller ' +
      '(0 with a test key), the total (an upper bound: images already processed with the same parameters are skipped free), ' +
      'the balance and whether it is enough.',
    body: catalogProcessBody,
    response: { status: 200, schema: catalogEstimateSchema, description: 'The estimate.' },
    errors: ['not_found', 'forbidden'],
  }),
  marketplace.writes({
    method: 'post',
    path: '/api/v1/catalog/runs/:id/pause',
    summary: 'Pause a run (`paused_reason: merchant`); images in flight finish',
    response: { status: 200, schema: catalogRunSchema, description: 'Paused.' },
    errors: ['not_found', 'forbidden', 'conflict'],
  }),
  marketplace.writes({
    method: 'post',
    path: '/api/v1/catalog/runs/:id/cancel',
    summary: 'Cancel a bulk run for good (images in flight finish; a canceled run is not resumed)',
    response: { status: 200, schema: catalogRunSchema, description: 'Canceled.' },
    errors: ['not_found', 'forbidden', 'conflict'],
  }),
  marketplace.writes({
    method: 'post',
    path: '/api/v1/catalog/runs/:id/resume',
    summary: 'Carry on a paused or finished run: pending images, and failed ones again; finished ones are kept',
    description:
      'A run paused for lack of credits answers 402 `insufficient_credits` until the balance covers an image (it also resumes by itself then).',
    response: { status: 202, schema: catalogRunSchema, description: 'Queued again.' },
    errors: ['not_found', 'forbidden', 'conflict', 'insufficient_credits'],
  }),
];
