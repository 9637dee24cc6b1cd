/** API-key scopes. An empty scope list on a key means every scope. */
export const SCOPES = {
  process: 'Run image operations (sync endpoints and task submission).',
  'tasks:read': 'Read async tasks, their status and results.',
  'tasks:write': 'Submit and cancel async tasks.',
  'usage:read': 'Read usage snapshots, request logs and account credits.',
  'usage:report': 'Report plugin-side usage (WordPress plugin).',
  'webhooks:manage': 'Create, change and delete webhook subscriptions.',
  'presets:manage': 'Create, change and delete saved presets.',
  'marketplace:read': 'Read integrations and synced catalogs.',
  'marketplace:publish': 'Sync catalogs and publish images to marketplaces.',
} as const;

export type Scope = keyof typeof SCOPES;
export const scopeNames = Object.keys(SCOPES) as [Scope, ...Scope[]];
