import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../errors.js';
import { problemSchema } from '../schemas/common.js';
import type { Scope } from '../scopes.js';

/** `app`: the Shopify app's link secret (`Authorization: Bearer <APP_LINK_SECRET>`), see docs/hub-app-link.md. */
export type RouteAuth = 'none' | 'key' | 'session' | 'key-or-session' | 'app';

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  tag: string;
  summary: string;
  description?: string;
  auth: RouteAuth;
  /** The scope an API key needs, or a list of which any one suffices. */
  scope?: Scope | readonly Scope[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** json (default), form: urlencoded or multipart fields. */
  bodyTypes?: Array<'json' | 'form' | 'multipart'>;
  response: ResponseSpec;
  /**
   * Other success answers the route really gives: another status (`Prefer: wait` → 200 beside 202)
   * or another content type for the same status (`Accept: image/*` → the bytes beside JSON).
   */
  also?: ResponseSpec[];
  errors?: ErrorCode[];
}

export interface ResponseSpec {
  status: number;
  schema?: z.ZodType;
  description: string;
  /** One media type, or several the same schema answers with (default application/json). */
  contentType?: string | readonly string[];
  /** Response headers the answer carries (name → description). */
  headers?: Record<string, string>;
}

/**
 * What the routes of one area share — their tag, how callers authenticate, the scope reading needs, the
 * scope changing needs, and the params of its `/:id` paths — given once: `area.reads({...})` /
 * `area.writes({...})` make the route specs (a route naming its own `params` keeps them).
 */
export function routeArea(area: {
  tag: string;
  auth: RouteAuth;
  read: NonNullable<RouteSpec['scope']>;
  write: NonNullable<RouteSpec['scope']>;
  idParams: z.ZodObject;
}) {
  const withScope =
    (scope: NonNullable<RouteSpec['scope']>) =>
    (spec: Omit<RouteSpec, 'tag' | 'auth' | 'scope'>): RouteSpec => ({
      tag: area.tag,
      auth: area.auth,
      scope,
      params: /\/:id(\/|$)/.test(spec.path) ? area.idParams : undefined,
      ...spec,
    });
  return { reads: withScope(area.read), writes: withScope(area.write) };
}

const AUTH_ERRORS: Record<RouteAuth, ErrorCode[]> = {
  none: [],
  key: ['missing_api_key', 'invalid_api_key', 'key_revoked', 'key_expired'],
  session: ['unauthenticated', 'csrf_failed'],
  'key-or-session': ['missing_api_key', 'invalid_api_key', 'key_revoked', 'key_expired', 'unauthenticated'],
  // 404 when the hub has no APP_LINK_SECRET (the link is off); rate limited per client IP and per shop.
  app: ['invalid_app_credential', 'not_found', 'rate_limited'],
};

const SECURITY: Record<RouteAuth, RouteConfig['security']> = {
  none: [],
  key: [{ ApiKeyHeader: [] }, { BearerKey: [] }],
  session: [{ SessionCookie: [], CsrfHeader: [] }],
  'key-or-session': [{ ApiKeyHeader: [] }, { BearerKey: [] }, { SessionCookie: [], CsrfHeader: [] }],
  app: [{ AppLinkSecret: [] }],
};

const MEDIA: Record<'json' | 'form' | 'multipart', string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  multipart: 'multipart/form-data',
};

/** Registers one route, with its auth scheme and every problem response it can answer. */
export function defineRoute(registry: OpenAPIRegistry, spec: RouteSpec): void {
  const codes = new Set<ErrorCode>([...AUTH_ERRORS[spec.auth], ...(spec.errors ?? []), 'internal']);
  // Every API key and every signed-in user has a rate limit; every authenticated POST takes an Idempotency-Key.
  if (spec.auth !== 'none') codes.add('rate_limited');
  if (spec.method === 'post' && spec.auth !== 'none' && spec.auth !== 'app') {
    codes.add('idempotency_key_reused');
    codes.add('idempotency_key_in_use');
  }
  if (spec.scope) codes.add('insufficient_scope');
  if (spec.body || spec.query || spec.params) codes.add('invalid_parameter');
  if (spec.body) codes.add('invalid_body');

  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: RouteConfig['responses'] = {};
  for (const answer of [spec.response, ...(spec.also ?? [])]) {
    const existing = responses[answer.status] as { description: string; content?: Record<string, unknown>; headers?: Record<string, unknown> } | undefined;
    const types = answer.contentType === undefined ? ['application/json'] : typeof answer.contentType === 'string' ? [answer.contentType] : answer.contentType;
    const content = answer.schema ? Object.fromEntries(types.map((type) => [type, { schema: answer.schema }])) : undefined;
    const headers = answer.headers
      ? Object.fromEntries(Object.entries(answer.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]))
      : undefined;
    responses[answer.status] = {
      description: existing ? `${existing.description} ${answer.description}` : answer.description,
      ...(existing?.content || content ? { content: { ...existing?.content, ...content } } : {}),
      ...(existing?.headers || headers ? { headers: { ...existing?.headers, ...headers } } : {}),
    } as never;
  }
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = {
      description: `Problem details. Codes: ${list.map((code) => `\`${code}\``).join(', ')}.`,
      content: { 'application/problem+json': { schema: problemSchema } },
    };
  }

  const scopes = spec.scope === undefined ? [] : typeof spec.scope === 'string' ? [spec.scope] : spec.scope;
  const scopeNote = scopes.length > 0 ? `\n\nAPI keys need the ${scopes.map((scope) => `\`${scope}\``).join(' or ')} scope.` : '';
  registry.registerPath({
    method: spec.method,
    path: spec.path.replace(/:(\w+)/g, '{$1}'),
    tags: [spec.tag],
    summary: spec.summary,
    description: (spec.description ?? '') + scopeNote || undefined,
    security: SECURITY[spec.auth],
    request: {
      params: spec.params,
      query: spec.query,
      body: spec.body
        ? {
            required: true,
            content: Object.fromEntries(
              (spec.bodyTypes ?? ['json']).map((type) => [MEDIA[type], { schema: spec.body as z.ZodType }]),
            ),
          }
        : undefined,
    },
    responses,
  });
}
