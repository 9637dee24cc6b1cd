// A local, contract-faithful stand-in for the Shopify Admin GraphQL API (the subset the connector uses):
// access-token auth with token exchange and refresh, versioned endpoint with fall-forward, cost-based
// throttling with Shopify's response shapes, cursor pagination, staged uploads, asynchronous product
// media, bulk operations, webhook deliveries and fault switches.
import { createHmac, randomUUID } from 'node:crypto';
import Koa from 'koa';
import Router from '@koa/router';
import type { GraphQLError} from 'graphql';
import { execute, parse, validate, type DocumentNode } from 'graphql';
import { seedCatalog, PLACEHOLDER_PNG } from './catalog-seed.js';
import { listen, readBody, readMultipart, type ListenOptions, type RunningSandbox } from './sandbox-server.js';
import { shopifySandboxSchema } from './shopify/schema.js';
import { CostBucket, queryCost, type ThrottleStatus } from './shopify/cost.js';
import { ShopifyStore } from './shopify/store.js';
import { BulkOperations } from './shopify/bulk.js';
import { OAuthError, SandboxOAuth } from './shopify/oauth.js';
import { queryRoot, mutationRoot, type ResolverContext } from './shopify/resolvers.js';
import type { ShopifyFaults } from './shopify/views.js';
import { sendWebhook, type WebhookDelivery, type WebhookResult } from './shopify/webhooks.js';

/** Supported stable versions (12 months back from 2026-10), oldest first; `unstable` is served too. */
export const SHOPIFY_SANDBOX_API_VERSIONS = ['2025-10', '2026-01', '2026-04', '2026-07', '2026-10'];

/**
 * The version Shopify serves for a requested one: a supported one as asked; an unsupported (expired)
 * one falls forward to the oldest supported; a malformed one is not found.
 */
export function servedApiVersion(requested: string, supported: string[] = SHOPIFY_SANDBOX_API_VERSIONS): string | null {
  if (requested === 'unstable' || supported.includes(requested)) return requested;
  if (!/^\d{4}-(01|04|07|10)$/.test(requested)) return null;
  return requested < supported[0]! ? supported[0]! : null;
}
const MAX_QUERY_COST = 1000;

export interface ShopifySandboxOptions extends ListenOptions {
  products?: number;
  seed?: number;
  shop?: string;
  accessToken?: string;
  /** Bucket size in points (standard plans: 1000). */
  bucketSize?: number;
  /** Points restored per second (standard plan: 100). */
  restoreRate?: number;
  /** How fast a bulk operation walks the catalog (objects per second). */
  bulkObjectsPerSecond?: number;
  /** Time a new MediaImage stays PROCESSING before it is READY. */
  mediaProcessingMs?: number;
  /** The app's client id (API key) and secret, for token exchange and refresh. */
  clientId?: string;
  clientSecret?: string;
  /** Lifetime of expiring access tokens (default 3600 s, like Shopify's). */
  accessTokenLifetimeSeconds?: number;
  refreshTokenLifetimeSeconds?: number;
  scopes?: string[];
  /** Versions this sandbox supports (default SHOPIFY_SANDBOX_API_VERSIONS): narrow it to model an expired pin. */
  apiVersions?: string[];
  /** How long productReorderMedia's job takes (default 30 ms). */
  reorderJobMs?: number;
}

export interface ShopifySandbox extends RunningSandbox<ShopifySandboxState> {
  /** Delivers a webhook to the app, signed with the app secret (override `secret` to forge one). */
  sendWebhook(delivery: Omit<WebhookDelivery, 'shop' | 'secret'> & Partial<Pick<WebhookDelivery, 'shop' | 'secret'>>): Promise<WebhookResult>;
}

export interface ShopifySandboxState {
  store: ShopifyStore;
  bucket: CostBucket;
  oauth: SandboxOAuth;
  faults: ShopifyFaults;
  /** A non-expiring offline token the sandbox starts with (legacy custom-app style). */
  accessToken: string;
  shop: string;
  /** Counters for tests and the benchmark. */
  stats: { requests: number; throttled: number; actualCost: number; bulkOperations: number; serverErrors: number; versions: Record<string, number> };
}

interface GraphQLBody {
  query?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export const SANDBOX_CLIENT_ID = 'pixport-sandbox-client-id';
export const SANDBOX_CLIENT_SECRET = 'pixport-sandbox-client-secret';
export const SANDBOX_SCOPES = ['read_products', 'write_products', 'read_files', 'write_files'];

export async function startShopifySandbox(options: ShopifySandboxOptions = {}): Promise<ShopifySandbox> {
  let baseUrl = '';
  const uploadSecret = 'sandbox-upload-secret';
  const store = new ShopifyStore(() => baseUrl, options.mediaProcessingMs ?? 20);
  const shop = options.shop ?? 'pixport-sandbox.myshopify.com';
  const state: ShopifySandboxState = {
    store,
    bucket: new CostBucket(options.bucketSize ?? 1000, options.restoreRate ?? 100),
    oauth: new SandboxOAuth({
      clientId: options.clientId ?? SANDBOX_CLIENT_ID,
      clientSecret: options.clientSecret ?? SANDBOX_CLIENT_SECRET,
      shop,
      accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 3600,
      refreshTokenLifetimeSeconds: options.refreshTokenLifetimeSeconds ?? 90 * 86_400,
      scopes: options.scopes ?? SANDBOX_SCOPES,
    }),
    faults: { throttleNext: 0, serverErrors: 0, serverErrorStatus: 503, failNextMedia: 0 },
    accessToken: options.accessToken ?? 'shpat_sandbox_token',
    shop,
    stats: { requests: 0, throttled: 0, actualCost: 0, bulkOperations: 0, serverErrors: 0, versions: {} },
  };
  const apiVersions = options.apiVersions ?? SHOPIFY_SANDBOX_API_VERSIONS;
  state.oauth.register(state.accessToken);
  const rootValue = { ...queryRoot, ...mutationRoot };
  const bulkOps = new BulkOperations(shopifySandboxSchema, rootValue, options.bulkObjectsPerSecond ?? 5000, () => baseUrl);
  const router = new Router();

  const costExtension = (requested: number, actual: number | null, throttleStatus: ThrottleStatus) => ({
    cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus },
  });

  router.post('/admin/api/:version/graphql.json', async (ctx) => {
    const servedVersion = servedApiVersion(ctx.params.version!, apiVersions);
    if (!servedVersion) {
      ctx.status = 404;
      ctx.body = { errors: 'Not Found' };
      return;
    }
    ctx.set('X-Shopify-API-Version', servedVersion);
    if (!state.oauth.accepts(ctx.get('x-shopify-access-token'))) {
      ctx.status = 401;
      ctx.body = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };
      return;
    }
    state.stats.requests++;
    state.stats.versions[servedVersion] = (state.stats.versions[servedVersion] ?? 0) + 1;
    if (state.faults.serverErrors > 0) {
      state.faults.serverErrors--;
      state.stats.serverErrors++;
      const status = state.faults.serverErrorStatus;
      if (status === 200) {
        ctx.body = { errors: [{ message: 'Internal error. Looks like something went wrong on our end.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: randomUUID() } }] };
      } else {
        ctx.status = status;
        ctx.type = 'text/html';
        ctx.body = `<html><body><h1>${status}</h1><p>There was a problem loading this website. Please try again.</p></body></html>`;
      }
      return;
    }
    store.settle();
    let body: GraphQLBody;
    try {
      body = JSON.parse((await readBody(ctx.req)).toString('utf8')) as GraphQLBody;
    } catch {
      body = {};
    }
    if (typeof body.query !== 'string') {
      ctx.status = 400;
      ctx.body = { errors: { query: 'Required parameter missing or invalid' } };
      return;
    }
    let document: DocumentNode;
    try {
      document = parse(body.query);
    } catch (error) {
      ctx.body = { errors: [(error as GraphQLError).toJSON()] };
      return;
    }
    const invalid = validate(shopifySandboxSchema, document);
    if (invalid.length > 0) {
      ctx.body = { errors: invalid.map((e) => ({ ...e.toJSON(), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) };
      return;
    }
    const cost = queryCost(shopifySandboxSchema, document, body.operationName, body.variables ?? {});
    const requested = cost.requested();
    if (requested > MAX_QUERY_COST) {
      ctx.body = {
        errors: [{ message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`, extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: MAX_QUERY_COST } }],
        extensions: costExtension(requested, null, state.bucket.status()),
      };
      return;
    }
    const forcedThrottle = state.faults.throttleNext > 0;
    if (forcedThrottle) {
      state.faults.throttleNext--;
      state.bucket.drain();
    }
    if (forcedThrottle || !state.bucket.tryTake(requested)) {
      state.stats.throttled++;
      ctx.body = {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
        extensions: costExtension(requested, null, state.bucket.status()),
      };
      return;
    }
    const contextValue: ResolverContext = {
      store,
      bulkOps,
      baseUrl,
      shopName: state.shop,
      uploadSecret,
      faults: state.faults,
      servedVersion,
      reorderJobMs: options.reorderJobMs ?? 30,
      unbounded: false,
    };
    const result = await execute({ schema: shopifySandboxSchema, document, rootValue, contextValue, variableValues: body.variables, operationName: body.operationName });
    const actual = Math.min(requested, cost.actual(result.data as Record<string, unknown> | null));
    state.bucket.refund(requested - actual);
    state.stats.actualCost += actual;
    if (document.definitions.some((d) => d.kind === 'OperationDefinition' && d.operation === 'mutation') && body.query.includes('bulkOperationRunQuery')) state.stats.bulkOperations++;
    ctx.body = {
      ...(result.errors ? { errors: result.errors.map((e) => ({ ...e.toJSON(), extensions: { code: 'BAD_REQUEST', ...e.extensions } })) } : {}),
      data: result.data ?? null,
      extensions: costExtension(requested, actual, state.bucket.status()),
    };
  });

  router.post('/admin/oauth/access_token', async (ctx) => {
    const raw = (await readBody(ctx.req)).toString('utf8');
    let body: Record<string, unknown> = {};
    try {
      body = ctx.is('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(raw)) : (JSON.parse(raw || '{}') as Record<string, unknown>);
    } catch {
      body = {};
    }
    try {
      ctx.body = state.oauth.grant(body && typeof body === 'object' ? body : {});
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      ctx.status = error.status;
      ctx.body = { error: error.error, error_description: error.description };
    }
  });

  // Stand-in for the cloud storage bucket behind stagedUploadsCreate (form POST, signed policy).
  router.post('/staged-uploads', async (ctx) => {
    const form = await readMultipart(ctx.req);
    const policy = String(form.get('policy') ?? '');
    const signature = createHmac('sha256', uploadSecret).update(policy).digest('hex');
    const decoded = policy ? (JSON.parse(Buffer.from(policy, 'base64').toString()) as { key: string; expires: number }) : null;
    const file = form.get('file');
    if (!decoded || form.get('x-goog-signature') !== signature || form.get('key') !== decoded.key || decoded.expires < Date.now()) {
      ctx.status = 403;
      ctx.type = 'application/xml';
      ctx.body = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Invalid policy or signature.</Message></Error>';
      return;
    }
    if (!(file instanceof Blob)) {
      ctx.status = 400;
      ctx.type = 'application/xml';
      ctx.body = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InvalidArgument</Code><Message>No file.</Message></Error>';
      return;
    }
    store.blobs.set(decoded.key, { data: Buffer.from(await file.arrayBuffer()), contentType: String(form.get('Content-Type') ?? file.type) });
    ctx.status = 201;
    ctx.type = 'application/xml';
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?><PostResponse><Location>${baseUrl}/staged-uploads/${decoded.key}</Location><Key>${decoded.key}</Key></PostResponse>`;
  });

  router.get('/bulk-results/:file', (ctx) => {
    const jsonl = bulkOps.results(ctx.params.file!.replace(/\.jsonl$/, ''));
    if (jsonl === undefined) ctx.throw(404);
    ctx.type = 'application/jsonl';
    ctx.body = jsonl;
  });

  const app = new Koa();
  app.use(async (ctx, next) => {
    if (ctx.method !== 'GET' || !ctx.path.startsWith('/cdn/shop/')) return next();
    const blob = store.blobs.get(ctx.path.slice('/cdn/shop/'.length));
    ctx.type = blob?.contentType ?? 'image/png';
    ctx.body = blob?.data ?? PLACEHOLDER_PNG;
  });
  app.use(router.routes()).use(router.allowedMethods());
  const server = await listen(app, options);
  baseUrl = server.url;
  // Seeded after listening, so seeded media URLs are absolute like the real CDN's.
  store.seed(seedCatalog({ count: options.products ?? 25, seed: options.seed }));
  return {
    url: server.url,
    state,
    close: server.close,
    sendWebhook: (delivery) => sendWebhook({ shop: state.shop, secret: state.oauth.options.clientSecret, ...delivery }),
  };
}
