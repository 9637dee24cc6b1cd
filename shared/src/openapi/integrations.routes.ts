import { z } from 'zod';
import { idParam, page } from '../schemas/common.js';
import { catalogItemSchema, catalogQuery } from '../schemas/catalog.js';
import {
  catalogSyncSchema,
  createIntegrationBody,
  integrationSchema,
  syncIntegrationBody,
  updateIntegrationBody,
  verifyIntegrationResponse,
} from '../schemas/integrations.js';
import type { RouteSpec } from './define-route.js';

const MARKETPLACE_ERRORS = [
  'marketplace_auth_failed',
  'marketplace_rejected',
  'marketplace_not_found',
  'marketplace_unavailable',
  'marketplace_throttled',
] as const;

/** Marketplace integrations, catalog sync, direct publish. */
export const integrationRoutes: RouteSpec[] = [
  {
    method: 'post',
    path: '/api/v1/integrations',
    tag: 'Marketplaces',
    summary: 'Connect a marketplace (Shopify, WooCommerce, Amazon bridge)',
    description:
      'Stores the credentials encrypted (AES-256-GCM, bound to the integration); they are never answered again, only masked. ' +
      'The marketplace is not contacted: call verify next. Sessions need the developer role.',
    auth: 'key-or-session',
    scope: 'marketplace:publish',
    body: createIntegrationBody,
    response: { status: 201, schema: integrationSchema, description: 'Created (status `unverified`).' },
    errors: ['forbidden'],
  },
  {
    method: 'get',
    path: '/api/v1/integrations',
    tag: 'Marketplaces',
    summary: 'The organization’s integrations, credentials masked',
    auth: 'key-or-session',
    scope: 'marketplace:read',
    response: {
      status: 200,
      schema: z.object({ data: z.array(integrationSchema) }),
      description: 'Newest first.',
    },
  },
  {
    method: 'get',
    path: '/api/v1/integrations/:id',
    tag: 'Marketplaces',
    summary: 'One integration, credentials masked',
    auth: 'key-or-session',
    scope: 'marketplace:read',
    params: idParam,
    response: { status: 200, schema: integrationSchema, description: 'The integration.' },
    errors: ['not_found'],
  },
  {
    method: 'patch',
    path: '/api/v1/integrations/:id',
    tag: 'Marketplaces',
    summary: 'Rename, or change some credential fields',
    auth: 'key-or-session',
    scope: 'marketplace:publish',
    params: idParam,
    body: updateIntegrationBody,
    response: { status: 200, schema: integrationSchema, description: 'Updated.' },
    errors: ['not_found', 'forbidden', 'conflict'],
  },
  {
    method: 'delete',
    path: '/api/v1/integrations/:id',
    tag: 'Marketplaces',
    summary: 'Disconnect: delete the integration, its credentials and its synced catalog',
    auth: 'key-or-session',
    scope: 'marketplace:publish',
    params: idParam,
    response: { status: 204, description: 'Deleted.' },
    errors: ['not_found', 'forbidden'],
  },
  {
    method: 'post',
    path: '/api/v1/integrations/:id/verify',
    tag: 'Marketplaces',
    summary: 'Check the stored credentials with the marketplace',
    description:
      'Success marks the integration `verified` with the account the marketplace named. Refused credentials answer 422 ' +
      '`marketplace_auth_failed` and mark it `invalid`; an unreachable marketplace answers 502 `marketplace_unavailable`, a ' +
      'throttling one 503 `marketplace_throttled` with `Retry-After`. Problems carry `marketplace_code` and `marketplace_message`.',
    auth: 'key-or-session',
    scope: 'marketplace:publish',
    params: idParam,
    response: { status: 200, schema: verifyIntegrationResponse, description: 'The credentials work.' },
    errors: ['not_found', 'forbidden', 'conflict', ...MARKETPLACE_ERRORS],
  },
  {
    method: 'post',
    path: '/api/v1/integrations/:id/sync',
    tag: 'Marketplaces',
    summary: 'Sync the catalog from the marketplace (asynchronous)',
    description:
      'Queues a sync and answers 202 with its state (`Location` is the status URL). The first sync (or `full: true`) reads ' +
      'every product and then drops the ones the marketplace no longer has; later ones read only products changed since the ' +
      'last successful sync. Shopify syncs honour the cost-based throttle and switch to a bulk operation when that is ' +
      'faster. One sync per integration at a time: another request meanwhile answers 409 `conflict` with the running `sync`.',
    auth: 'key-or-session',
    scope: 'marketplace:publish',
    params: idParam,
    body: syncIntegrationBody,
    response: { status: 202, schema: catalogSyncSchema, description: 'Queued.' },
    errors: ['not_found', 'forbidden', 'conflict'],
  },
  {
    method: 'get',
    path: '/api/v1/integrations/:id/sync',
    tag: 'Marketplaces',
    summary: 'Progress of the current or last catalog sync',
    description:
      '`fetched` of `total` (when the marketplace tells) while running; a failed sync carries `error` with the marketplace’s code.',
    auth: 'key-or-session',
    scope: 'marketplace:read',
    params: idParam,
    response: { status: 200, schema: catalogSyncSchema, description: 'The sync state.' },
    errors: ['not_found'],
  },
  {
    method: 'get',
    path: '/api/v1/catalog',
    tag: 'Marketplaces',
    summary: 'The synced catalog: products with SKUs, variants and images',
    description:
      'Most recently changed first; `integration` narrows to one integration, `search` matches title, SKUs and product id.',
    auth: 'key-or-session',
    scope: 'marketplace:read',
    query: catalogQuery,
    response: { status: 200, schema: page(catalogItemSchema), description: 'A page of products.' },
    errors: ['not_found'],
  },
];
