import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { defineRoute, type RouteSpec } from './define-route.js';
import { foundationRoutes } from './foundation.routes.js';
import { imageRoutes } from './images.routes.js';
import { taskRoutes } from './tasks.routes.js';
import { integrationRoutes } from './integrations.routes.js';
import { webhookRoutes } from './webhooks.routes.js';
import { accountRoutes } from './account.routes.js';
import { presetRoutes } from './presets.routes.js';
import { appRoutes } from './apps.routes.js';

/** Every route the hub documents. Later areas append their tables here. */
export const publicRoutes: RouteSpec[] = [...foundationRoutes, ...imageRoutes, ...integrationRoutes, ...webhookRoutes, ...taskRoutes, ...accountRoutes, ...presetRoutes, ...appRoutes];

export interface DocumentOptions {
  serverUrl?: string;
  version?: string;
}

/** Builds the OpenAPI 3.1 document from the zod schemas (the wire contract's single source). */
export function buildOpenApiDocument(options: DocumentOptions = {}) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'ApiKeyHeader', {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
    description: '`pxp_live_…` or `pxp_test_…`.',
  });
  registry.registerComponent('securitySchemes', 'BearerKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'The same API key as a bearer token.',
  });
  registry.registerComponent('securitySchemes', 'SessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'pixport_session',
    description: 'Dashboard session (sign in at /api/auth/login).',
  });
  registry.registerComponent('securitySchemes', 'CsrfHeader', {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description: 'The `pixport_csrf` cookie’s value, required on cookie-authenticated POST/PUT/PATCH/DELETE.',
  });
  registry.registerComponent('securitySchemes', 'AppLinkSecret', {
    type: 'http',
    scheme: 'bearer',
    description: 'The Shopify app’s link secret (`APP_LINK_SECRET`, the same on the hub and the app); only the app holds it.',
  });
  for (const route of publicRoutes) defineRoute(registry, route);

  const generator = new OpenApiGeneratorV31(registry.definitions);
  return generator.generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Pixport hub API',
      version: options.version ?? '1.0.0',
      description:
        'Make product images marketplace-ready and publish them. Errors are RFC 9457 problem details ' +
        '(`application/problem+json`) with a stable `code`; every response carries `X-Request-Id`. ' +
        'API keys are rate limited per key: every key-authenticated response carries `RateLimit-Policy`, `RateLimit` and ' +
        '`X-RateLimit-Limit/Remaining/Reset` (seconds), a 429 also `Retry-After`. Any authenticated POST takes ' +
        '`Idempotency-Key` (≤ 255 characters): the first answer is replayed for 24 h with `Idempotent-Replayed: true`.',
    },
    servers: options.serverUrl ? [{ url: options.serverUrl }] : [],
  });
}
