import { z } from 'zod';
import { idParam } from '../schemas/common.js';
import { createPresetBody, presetSchema, updatePresetBody } from '../schemas/presets.js';
import type { RouteSpec } from './define-route.js';

const APPLY =
  'Apply one with `preset=<id or name>` on a sync call or a task submission of the same operation: its parameters fill ' +
  'every field the request does not set, and a task without its own callback fields gets the preset’s callback.';

/** Saved automation presets. */
export const presetRoutes: RouteSpec[] = [
  { method: 'post', path: '/api/v1/presets', tag: 'Presets', summary: 'Save a preset: operation, parameters, optional task callback', description: `Parameters are validated against the operation’s schema (422 naming \`params.<field>\`); the callback URL must be public. ${APPLY}`, auth: 'key-or-session', scope: 'presets:manage', body: createPresetBody, response: { status: 201, schema: presetSchema, description: 'Saved.' }, errors: ['conflict', 'forbidden'] },
  { method: 'get', path: '/api/v1/presets', tag: 'Presets', summary: 'The organization’s presets, by name', auth: 'key-or-session', scope: 'presets:manage', response: { status: 200, schema: z.object({ data: z.array(presetSchema) }), description: 'Presets.' } },
  { method: 'get', path: '/api/v1/presets/:id', tag: 'Presets', summary: 'One preset', auth: 'key-or-session', scope: 'presets:manage', params: idParam, response: { status: 200, schema: presetSchema, description: 'The preset.' }, errors: ['not_found'] },
  { method: 'patch', path: '/api/v1/presets/:id', tag: 'Presets', summary: 'Rename, replace the parameters, change or remove the callback', auth: 'key-or-session', scope: 'presets:manage', params: idParam, body: updatePresetBody, response: { status: 200, schema: presetSchema, description: 'Updated.' }, errors: ['not_found', 'conflict', 'forbidden'] },
  { method: 'delete', path: '/api/v1/presets/:id', tag: 'Presets', summary: 'Delete a preset', auth: 'key-or-session', scope: 'presets:manage', params: idParam, response: { status: 204, description: 'Deleted.' }, errors: ['not_found', 'forbidden'] },
];
