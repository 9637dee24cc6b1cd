import { z } from 'zod';
import { idParam } from '../schemas/common.js';
import {
  createIntegrationBody,
  integrationSchema,
  updateIntegrationBody,
  verifyIntegrationResponse,
} from '../schemas/integrations.js';
import type { RouteSpec } from './define-route.js';

const MARKETPLACE_ERRORS = ['marketplace_auth_failed', 'marketplace_rejected', 'marketplace_not_found', 'marketplace_unavailable', 'marketplace_throttled'] as const;

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
    response: { status: 200, schema: z.object({ data: z.array(integrationSchema) }), description: 'Newest first.' },
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
];
