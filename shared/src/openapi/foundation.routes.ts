import { z } from 'zod';
import { idParam, okSchema, page } from '../schemas/common.js';
import { loginBody, meSchema, setupStatusSchema, signupBody, switchOrgBody } from '../schemas/auth.js';
import {
  createKeyBody,
  createdKeySchema,
  keySummarySchema,
  rotateKeyBody,
  rotatedKeySchema,
  updateKeyBody,
} from '../schemas/keys.js';
import {
  addMemberBody,
  auditEventSchema,
  memberParams,
  memberSchema,
  organizationSchema,
  updateMemberBody,
} from '../schemas/orgs.js';
import { usageReportBody, usageReportResponse, validateKeyBody, validateKeyResponse } from '../schemas/plugin.js';
import { usageLogSchema, usageLogsQuery, usageQuery, usageSnapshotSchema } from '../schemas/usage.js';
import { healthSchema, readinessSchema } from '../schemas/health.js';
import { cursorQuery } from '../schemas/common.js';
import type { RouteSpec } from './define-route.js';

/** The foundation's public routes: the single table the OpenAPI document is generated from. */
export const foundationRoutes: RouteSpec[] = [
  { method: 'get', path: '/healthz', tag: 'Operations', summary: 'Liveness', auth: 'none', response: { status: 200, schema: healthSchema, description: 'The process is up.' } },
  { method: 'get', path: '/readyz', tag: 'Operations', summary: 'Readiness: database reachable, blob storage writable', auth: 'none', response: { status: 200, schema: readinessSchema, description: 'Ready.' }, errors: ['service_unavailable'] },
  { method: 'get', path: '/metrics', tag: 'Operations', summary: 'Prometheus metrics', auth: 'none', response: { status: 200, description: 'Prometheus text exposition format.' } },

  { method: 'get', path: '/api/auth/setup', tag: 'Accounts', summary: 'Whether the hub still needs its first owner account', auth: 'none', response: { status: 200, schema: setupStatusSchema, description: 'Setup status.' } },
  { method: 'post', path: '/api/auth/signup', tag: 'Accounts', summary: 'Create an account and its personal organization; signs in', description: 'The first account on an empty hub becomes owner of its organization. Sets the session cookie and the readable `pixport_csrf` cookie.', auth: 'none', body: signupBody, response: { status: 201, schema: meSchema, description: 'Signed up and signed in.' }, errors: ['email_taken', 'signup_closed', 'rate_limited'] },
  { method: 'post', path: '/api/auth/login', tag: 'Accounts', summary: 'Sign in', description: 'Throttled per email and per IP.', auth: 'none', body: loginBody, response: { status: 200, schema: meSchema, description: 'Signed in.' }, errors: ['invalid_credentials', 'rate_limited'] },
  { method: 'post', path: '/api/auth/logout', tag: 'Accounts', summary: 'Sign out', auth: 'session', response: { status: 200, schema: okSchema, description: 'Signed out.' } },
  { method: 'get', path: '/api/auth/me', tag: 'Accounts', summary: 'The signed-in user, active organization and CSRF token', auth: 'session', response: { status: 200, schema: meSchema, description: 'Current session.' } },
  { method: 'post', path: '/api/auth/switch-organization', tag: 'Accounts', summary: 'Make another organization the session’s active one', auth: 'session', body: switchOrgBody, response: { status: 200, schema: meSchema, description: 'Switched.' }, errors: ['not_found'] },

  { method: 'post', path: '/api/v1/keys', tag: 'API keys', summary: 'Create an API key (the full key is returned once)', auth: 'session', body: createKeyBody, response: { status: 201, schema: createdKeySchema, description: 'Created.' }, errors: ['forbidden', 'session_required'] },
  { method: 'get', path: '/api/v1/keys', tag: 'API keys', summary: 'List the organization’s keys, masked', auth: 'session', response: { status: 200, schema: z.object({ data: z.array(keySummarySchema) }), description: 'Masked keys.' }, errors: ['session_required'] },
  { method: 'post', path: '/api/v1/keys/:id/rotate', tag: 'API keys', summary: 'Rotate: a new key with the same settings; the old one stops now or after a grace period', auth: 'session', params: idParam, body: rotateKeyBody, response: { status: 201, schema: rotatedKeySchema, description: 'The new key (shown once) and the old key’s summary.' }, errors: ['not_found', 'forbidden', 'conflict', 'session_required'] },
  { method: 'patch', path: '/api/v1/keys/:id', tag: 'API keys', summary: 'Rename or revoke (`active: false`) a key', auth: 'session', params: idParam, body: updateKeyBody, response: { status: 200, schema: keySummarySchema, description: 'Updated.' }, errors: ['not_found', 'forbidden', 'conflict', 'session_required'] },
  { method: 'delete', path: '/api/v1/keys/:id', tag: 'API keys', summary: 'Delete a key permanently', auth: 'session', params: idParam, response: { status: 204, description: 'Deleted.' }, errors: ['not_found', 'forbidden', 'session_required'] },

  { method: 'get', path: '/api/v1/orgs', tag: 'Organizations', summary: 'Organizations the user belongs to', auth: 'session', response: { status: 200, schema: z.object({ data: z.array(organizationSchema) }), description: 'Organizations.' } },
  { method: 'get', path: '/api/v1/orgs/:id/members', tag: 'Organizations', summary: 'Members and roles', auth: 'session', params: idParam, response: { status: 200, schema: z.object({ data: z.array(memberSchema) }), description: 'Members.' }, errors: ['not_found'] },
  { method: 'post', path: '/api/v1/orgs/:id/members', tag: 'Organizations', summary: 'Add a registered user as a member (owners and admins)', auth: 'session', params: idParam, body: addMemberBody, response: { status: 201, schema: memberSchema, description: 'Added.' }, errors: ['not_found', 'forbidden', 'conflict'] },
  { method: 'patch', path: '/api/v1/orgs/:id/members/:userId', tag: 'Organizations', summary: 'Change a member’s role (owners and admins)', auth: 'session', params: memberParams, body: updateMemberBody, response: { status: 200, schema: memberSchema, description: 'Updated.' }, errors: ['not_found', 'forbidden', 'conflict'] },
  { method: 'delete', path: '/api/v1/orgs/:id/members/:userId', tag: 'Organizations', summary: 'Remove a member (owners and admins)', auth: 'session', params: memberParams, response: { status: 204, description: 'Removed.' }, errors: ['not_found', 'forbidden', 'conflict'] },
  { method: 'get', path: '/api/v1/audit', tag: 'Organizations', summary: 'Audit events of the active organization', auth: 'session', query: cursorQuery, response: { status: 200, schema: page(auditEventSchema), description: 'Newest first.' } },

  { method: 'post', path: '/api/wordpress-plugin/auth/validate', tag: 'WordPress plugin', summary: 'Validate an API key', description: 'The key as form field `api_key` (multipart or urlencoded) or in `X-API-Key` / `Authorization: Bearer`. A bad key answers 401 with `valid: false` and the code.', auth: 'key', body: validateKeyBody, bodyTypes: ['multipart', 'form', 'json'], response: { status: 200, schema: validateKeyResponse, description: 'The key is valid.' } },
  { method: 'post', path: '/api/wordpress-plugin/usage/report', tag: 'WordPress plugin', summary: 'Report plugin-side usage', auth: 'key', scope: 'usage:report', body: usageReportBody, bodyTypes: ['multipart', 'form', 'json'], response: { status: 200, schema: usageReportResponse, description: 'Recorded; the updated counters.' } },

  { method: 'get', path: '/api/v1/usage', tag: 'Usage', summary: 'Usage snapshot for a date range', auth: 'key-or-session', scope: 'usage:read', query: usageQuery, response: { status: 200, schema: usageSnapshotSchema, description: 'Snapshot.' } },
  { method: 'get', path: '/api/v1/usage/logs', tag: 'Usage', summary: 'Recent request logs, newest first', auth: 'key-or-session', scope: 'usage:read', query: usageLogsQuery, response: { status: 200, schema: page(usageLogSchema), description: 'Rows.' } },

  { method: 'get', path: '/api/v1/openapi', tag: 'Reference', summary: 'This OpenAPI 3.1 document', auth: 'none', response: { status: 200, description: 'OpenAPI document.' } },
  { method: 'get', path: '/api/v1/postman', tag: 'Reference', summary: 'A Postman v2.1 collection of the API', auth: 'none', response: { status: 200, description: 'Postman collection.' } },
  { method: 'get', path: '/docs', tag: 'Reference', summary: 'Rendered API reference', auth: 'none', response: { status: 200, description: 'HTML page.', contentType: 'text/html' } },
];
