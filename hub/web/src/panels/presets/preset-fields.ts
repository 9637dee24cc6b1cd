import { SYNC_ENDPOINTS, resolveOperation, type OperationName } from '@pixport/shared';
import type { ApiOperation, BodyVariant, Field } from '../endpoints/openapi-model.js';

/** Fields of a task submission that are about the submission itself, not the operation's parameters. */
const CALLBACK_FIELDS = new Set([
  'webhookUrl',
  'webhookEvents',
  'webhookSecret',
  'webhook_url',
  'webhook_events',
  'webhook_secret',
  'preset',
]);

/** Where an operation can be sent, best first: as a task (its variant of POST /api/v1/jobs), or its sync endpoint. */
export function operationRoute(
  operations: ApiOperation[],
  name: string,
): { operation: ApiOperation; variant: BodyVariant } | undefined {
  const canonical = resolveOperation(name) ?? (name as OperationName);
  const jobs = operations.find((operation) => operation.id === 'post /api/v1/jobs');
  const variant = jobs?.body?.variants.find((candidate) => candidate.operation === canonical);
  if (jobs && variant) return { operation: jobs, variant };
  const sync = operations.find((operation) => operation.id === `post ${SYNC_ENDPOINTS[canonical]}`);
  return sync?.body ? { operation: sync, variant: sync.body.variants[0]! } : undefined;
}

/** The parameters a preset of `name` can save: the operation's fields without files, URLs of files, or callbacks. */
export function presetFields(operations: ApiOperation[], name: string): Field[] {
  const route = operationRoute(operations, name);
  if (!route) return [];
  const fileNames = new Set(
    route.variant.fields
      .filter((field) => field.kind === 'file' || field.kind === 'files')
      .map((field) => field.name),
  );
  return route.variant.fields.filter(
    (field) =>
      !fileNames.has(field.name) &&
      !CALLBACK_FIELDS.has(field.name) &&
      !fileNames.has(field.name.replace(/_url$/, '')),
  );
}
