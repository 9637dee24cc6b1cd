import crypto from 'node:crypto';
import type {
  AppPreset,
  AutomationSettings,
  CatalogSyncState,
  CreateJobBody,
  EstimateBody,
  ProductFilters,
  ProductSelection,
  UsageView,
} from '../../../server/src/api/contract.js';
import { facetsOf, matches, row, type StoreProduct } from './catalog.js';
import { Problem, readJson, type Handler } from './http-util.js';
import type { JobEngine } from './jobs.js';

/** What the routes read and change (the server owns it; the test switches flip parts of it). */
export interface RouteState {
  synced: StoreProduct[];
  sync: CatalogSyncState;
  hubDown: boolean;
  dashboardLinks: number;
  automation: AutomationSettings;
}

export interface RouteContext {
  state: RouteState;
  shop: string;
  ledger: { credits_remaining: number; credits_reserved: number };
  usage: Array<{ date: string; operation: string; requests: number; credits: number }>;
  logUsage: (operation: string, credits: number) => void;
  imageUrl: (imageId: string, kind: 'before' | 'after', itemId?: string) => string;
  engine: JobEngine;
}

export type Route = [string, RegExp, Handler];

export const presets: AppPreset[] = [
  {
    id: 'mk_amazon_main',
    name: 'Amazon main image',
    description: 'Pure white background, product fills 85 %, 2000 × 2000 JPEG',
    source: 'marketplace',
    operation: 'process',
    params: { background: '#ffffff', width: 2000, height: 2000, margin: 0.075 },
    credits_per_image: 1,
  },
  {
    id: 'mk_white_square',
    name: 'White background, square 2048',
    description: 'Background removed, white, 2048 × 2048',
    source: 'marketplace',
    operation: 'process',
    params: { background: '#ffffff', width: 2048, height: 2048 },
    credits_per_image: 1,
  },
  {
    id: 'mk_soft_shadow',
    name: 'Remove background + soft shadow',
    description: 'Transparent cut-out on white with a soft drop shadow',
    source: 'marketplace',
    operation: 'process',
    params: { shadow: 'soft' },
    credits_per_image: 2,
  },
  {
    id: 'pre_saved_1',
    name: 'Our catalog look',
    description: 'Saved preset: off-white #fafafa, 1600 × 1600',
    source: 'saved',
    operation: 'process',
    params: { background: '#fafafa', width: 1600, height: 1600 },
    credits_per_image: 1,
  },
];

/** The contract's routes (plugins/shopify/server/src/api/contract.ts), in memory. */
export function apiRoutes({ state, shop, ledger, usage, logUsage, imageUrl, engine }: RouteContext): Route[] {
  const selected = (selection: ProductSelection | undefined): StoreProduct[] => {
    if (!selection || typeof selection !== 'object')
      throw new Problem(422, 'invalid_request', 'selection is required.', [
        { field: 'selection', message: 'Required' },
      ]);
    if ('product_ids' in selection) {
      if (!Array.isArray(selection.product_ids) || selection.product_ids.length === 0)
        throw new Problem(422, 'invalid_request', 'Choose at least one product.', [
          { field: 'selection.product_ids', message: 'At least one product id' },
        ]);
      const found = selection.product_ids.map((id) => state.synced.find((p) => p.id === id));
      const missing = selection.product_ids.filter((_, i) => !found[i]);
      if (missing.length)
        throw new Problem(404, 'not_found', `Unknown product: ${missing[0]}. Sync the catalog again.`);
      return found as StoreProduct[];
    }
    if ((selection as { all?: unknown }).all === true)
      return state.synced.filter((p) =>
        matches(p, (selection as { filters?: ProductFilters }).filters ?? {}),
      );
    throw new Problem(422, 'invalid_request', 'selection needs product_ids or all: true with filters.', [
      { field: 'selection', message: 'Invalid' },
    ]);
  };
  const preset = (id: unknown) => {
    const found = presets.find((p) => p.id === id);
    if (!found)
      throw new Problem(422, 'invalid_request', 'Choose a preset.', [
        { field: 'preset_id', message: 'Unknown preset' },
      ]);
    return found;
  };
  const images = (value: unknown): 'main' | 'all' => {
    if (value === 'main' || value === 'all') return value;
    throw new Problem(422, 'invalid_request', 'images must be main or all.', [
      { field: 'images', message: 'main or all' },
    ]);
  };
  const imageCount = (products: StoreProduct[], which: 'main' | 'all') =>
    products.reduce((sum, p) => sum + (which === 'main' ? Math.min(1, p.images.length) : p.images.length), 0);
  const hub = () => {
    if (state.hubDown)
      throw new Problem(
        502,
        'hub_unreachable',
        'The Pixport hub did not answer. Try again in a minute.',
        undefined,
        `req_hub_${crypto.randomBytes(6).toString('hex')}`,
      );
  };
  const job = (id: string) => {
    const record = engine.get(id);
    if (!record) throw new Problem(404, 'not_found', 'No such job.');
    return record;
  };
  const page = <T>(list: T[], url: URL, max = 100) => {
    const limit = Math.min(max, Math.max(1, Number(url.searchParams.get('limit') ?? 25) || 25));
    const offset = Number(url.searchParams.get('cursor') ?? 0) || 0;
    const slice = list.slice(offset, offset + limit);
    return { slice, next_cursor: offset + limit < list.length ? String(offset + limit) : null };
  };

  return [
    [
      'GET',
      /^\/api\/status$/,
      () => ({
        shop,
        hub: {
          linked: true,
          reachable: !state.hubDown,
          organization_id: 'org_sandbox',
          dashboard_url: 'https://hub.example.test/dashboard',
        },
        plan: state.hubDown
          ? null
          : {
              name: 'Starter',
              credits_remaining: ledger.credits_remaining,
              credits_reserved: ledger.credits_reserved,
              monthly_credits: 1000,
            },
        images_processed_this_month: usage
          .filter((u) => u.operation !== 'preview')
          .reduce((s, u) => s + u.requests, 0),
        catalog: {
          products: state.synced.length,
          last_synced_at: state.sync.finished_at,
          sync:
            state.sync.status === 'running' ? 'running' : state.sync.status === 'failed' ? 'failed' : 'idle',
        },
        onboarding: {
          catalog_synced: state.synced.length > 0,
          first_job: engine.records.length > 0,
          first_publish: engine.records.some((r) =>
            r.items.some((i) => i.publish === 'published' || i.publish === 'restored'),
          ),
        },
        automation: state.automation,
      }),
    ],
    [
      'POST',
      /^\/api\/dashboard-link$/,
      () => {
        hub();
        state.dashboardLinks++;
        return {
          url: `https://hub.example.test/dashboard/sign-in?code=${crypto.randomBytes(16).toString('hex')}`,
          expires_at: new Date(Date.now() + 300_000).toISOString(),
        };
      },
    ],
    ['GET', /^\/api\/catalog\/sync$/, () => state.sync],
    [
      'POST',
      /^\/api\/catalog\/sync$/,
      () => {
        hub();
        if (state.sync.status === 'running')
          throw new Problem(409, 'conflict', 'A catalog sync is already running.');
        state.sync = {
          status: 'running',
          fetched: 0,
          started_at: new Date().toISOString(),
          finished_at: null,
          error: null,
        };
        return state.sync;
      },
    ],
    [
      'GET',
      /^\/api\/products$/,
      (_, url) => {
        const filters: ProductFilters = Object.fromEntries(
          ['query', 'vendor', 'product_type', 'status', 'collection', 'fails'].map((k) => [
            k,
            url.searchParams.get(k) || undefined,
          ]),
        );
        if (filters.status && !['active', 'draft', 'archived'].includes(filters.status))
          throw new Problem(422, 'invalid_request', 'Unknown status.', [
            { field: 'status', message: 'active, draft or archived' },
          ]);
        if (filters.fails && !['amazon', 'google', 'shopify', 'any'].includes(filters.fails))
          throw new Problem(422, 'invalid_request', 'Unknown marketplace.', [
            { field: 'fails', message: 'amazon, google, shopify or any' },
          ]);
        const list = state.synced.filter((p) => matches(p, filters));
        const { slice, next_cursor } = page(list, url);
        return { products: slice.map((p) => row(p, imageUrl)), next_cursor, total: list.length };
      },
    ],
    ['GET', /^\/api\/products\/facets$/, () => facetsOf(state.synced)],
    ['GET', /^\/api\/presets$/, () => (hub(), { presets })],
    [
      'POST',
      /^\/api\/previews$/,
      async (req) => {
        const body = (await readJson(req)) as { preset_id?: string; product_ids?: string[] };
        preset(body.preset_id);
        if (!Array.isArray(body.product_ids) || body.product_ids.length < 1 || body.product_ids.length > 3)
          throw new Problem(422, 'invalid_request', 'Preview one to three products.', [
            { field: 'product_ids', message: '1–3 product ids' },
          ]);
        hub();
        const products = selected({ product_ids: body.product_ids });
        return {
          previews: products.map((p) => {
            logUsage('preview', 0);
            const image = p.images[0];
            return image
              ? {
                  product_id: p.id,
                  product_title: p.title,
                  image_id: image.id,
                  before_url: imageUrl(image.id, 'before'),
                  after_url: imageUrl(image.id, 'after', 'preview'),
                  error: null,
                }
              : {
                  product_id: p.id,
                  product_title: p.title,
                  image_id: '',
                  before_url: '',
                  after_url: null,
                  error: 'This product has no image.',
                };
          }),
        };
      },
    ],
    [
      'POST',
      /^\/api\/estimates$/,
      async (req) => {
        const body = (await readJson(req)) as EstimateBody;
        const chosen = preset(body.preset_id);
        const products = selected(body.selection);
        const count = imageCount(products, images(body.images));
        return {
          products: products.length,
          images: count,
          credits_per_image: chosen.credits_per_image,
          credits: count * chosen.credits_per_image,
          credits_remaining: ledger.credits_remaining,
          enough: ledger.credits_remaining >= count * chosen.credits_per_image,
        };
      },
    ],
    [
      'POST',
      /^\/api\/jobs$/,
      async (req) => {
        const body = (await readJson(req)) as CreateJobBody;
        const chosen = preset(body.preset_id);
        const which = images(body.images);
        if (typeof body.auto_publish !== 'boolean')
          throw new Problem(422, 'invalid_request', 'auto_publish must be true or false.', [
            { field: 'auto_publish', message: 'boolean' },
          ]);
        const products = selected(body.selection);
        if (imageCount(products, which) === 0)
          throw new Problem(422, 'invalid_request', 'The selected products have no images.');
        hub();
        return [201, engine.create({ ...body, images: which }, chosen, products)];
      },
    ],
    [
      'GET',
      /^\/api\/jobs$/,
      (_, url) => {
        const { slice, next_cursor } = page(
          engine.records.map((r) => r.job),
          url,
        );
        return { jobs: slice, next_cursor };
      },
    ],
    ['GET', /^\/api\/jobs\/([^/]+)$/, (_, __, [id]) => job(id!).job],
    [
      'POST',
      /^\/api\/jobs\/([^/]+)\/(pause|resume|cancel)$/,
      (_, __, [id, verb]) => {
        const record = job(id!);
        const status = record.job.status;
        if (verb === 'pause' && (status === 'running' || status === 'queued'))
          engine.pause(record, 'merchant');
        else if (verb === 'resume' && status === 'paused') {
          if (
            record.job.paused_reason === 'insufficient_credits' &&
            ledger.credits_remaining < record.credits_per_image
          )
            throw new Problem(
              402,
              'insufficient_credits',
              'Still out of credits: the job resumes by itself when credits return.',
            );
          engine.setStatus(record, 'running', null);
        } else if (verb === 'cancel' && (status === 'running' || status === 'queued' || status === 'paused'))
          engine.setStatus(record, 'canceled', null);
        else throw new Problem(409, 'conflict', `A ${status} job cannot ${verb}.`);
        return record.job;
      },
    ],
    [
      'GET',
      /^\/api\/jobs\/([^/]+)\/items$/,
      (_, url, [id]) => {
        const record = job(id!);
        const q = (k: string) => url.searchParams.get(k);
        const list = record.items.filter(
          (i) =>
            (!q('status') || i.status === q('status')) &&
            (!q('review') || i.review === q('review')) &&
            (!q('publish') || i.publish === q('publish')) &&
            (!q('product_id') || i.product_id === q('product_id')),
        );
        const { slice, next_cursor } = page(list, url);
        return { items: slice, next_cursor };
      },
    ],
    [
      'POST',
      /^\/api\/jobs\/([^/]+)\/review$/,
      async (req, _, [id]) => {
        const record = job(id!);
        const body = (await readJson(req)) as { decision?: string; item_ids?: string[]; all?: boolean };
        if (body.decision !== 'approved' && body.decision !== 'rejected')
          throw new Problem(422, 'invalid_request', 'decision must be approved or rejected.', [
            { field: 'decision', message: 'approved or rejected' },
          ]);
        const targets = targetItems(record.items, body).filter(
          (i) => i.status === 'succeeded' && (body.all ? i.review === 'pending' : true),
        );
        for (const item of targets) item.review = body.decision;
        engine.recount(record);
        return { updated: targets.length };
      },
    ],
    [
      'POST',
      /^\/api\/jobs\/([^/]+)\/publish$/,
      async (req, _, [id]) => {
        const record = job(id!);
        const body = (await readJson(req)) as { item_ids?: string[]; all?: boolean };
        hub();
        const targets = targetItems(record.items, body).filter(
          (i) => i.review === 'approved' && ['none', 'failed', 'restored'].includes(i.publish),
        );
        if (!body.all && targets.length === 0)
          throw new Problem(409, 'conflict', 'Only approved images can be published.');
        for (const item of targets) {
          item.publish = 'publishing';
          item.error = null;
        }
        engine.recount(record);
        return { queued: targets.length };
      },
    ],
    [
      'POST',
      /^\/api\/restore$/,
      async (req) => {
        const body = (await readJson(req)) as { item_ids?: string[]; product_id?: string; job_id?: string };
        hub();
        const all = engine.records.flatMap((r) => r.items);
        const targets = Array.isArray(body.item_ids)
          ? all.filter((i) => body.item_ids!.includes(i.id))
          : body.product_id
            ? all.filter((i) => i.product_id === body.product_id)
            : body.job_id
              ? job(body.job_id).items
              : undefined;
        if (!targets) throw new Problem(422, 'invalid_request', 'Name item_ids, a product_id or a job_id.');
        const published = targets.filter((i) => i.publish === 'published');
        if (published.length === 0) throw new Problem(409, 'conflict', 'Nothing published there to restore.');
        for (const item of published) item.publish = 'restoring';
        for (const r of engine.records) engine.recount(r);
        return { queued: published.length };
      },
    ],
    ['GET', /^\/api\/automation$/, () => state.automation],
    [
      'PUT',
      /^\/api\/automation$/,
      async (req) => {
        const body = (await readJson(req)) as Partial<AutomationSettings>;
        if (typeof body.enabled !== 'boolean')
          throw new Problem(422, 'invalid_request', 'enabled must be true or false.', [
            { field: 'enabled', message: 'boolean' },
          ]);
        if (body.mode !== 'review' && body.mode !== 'publish')
          throw new Problem(422, 'invalid_request', 'mode must be review or publish.', [
            { field: 'mode', message: 'review or publish' },
          ]);
        if (body.preset_id !== null && body.preset_id !== undefined) preset(body.preset_id);
        if (body.enabled && !body.preset_id)
          throw new Problem(422, 'invalid_request', 'Choose the preset automation uses.', [
            { field: 'preset_id', message: 'Required when enabled' },
          ]);
        state.automation = { enabled: body.enabled, preset_id: body.preset_id ?? null, mode: body.mode };
        return state.automation;
      },
    ],
    [
      'GET',
      /^\/api\/usage$/,
      (_, url): UsageView => {
        hub();
        const days = Number(url.searchParams.get('days') ?? 30);
        if (!Number.isInteger(days) || days < 1 || days > 366)
          throw new Problem(422, 'invalid_request', 'days must be 1–366.', [
            { field: 'days', message: '1–366' },
          ]);
        const since = new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
        return {
          credits_remaining: ledger.credits_remaining,
          credits_reserved: ledger.credits_reserved,
          plan: 'Starter',
          by_day: usage.filter((u) => u.date >= since),
          dashboard_url: 'https://hub.example.test/dashboard',
        };
      },
    ],
  ];
}

function targetItems<T extends { id: string }>(
  items: T[],
  body: { item_ids?: string[]; all?: boolean },
): T[] {
  if (body.all === true) return items;
  if (Array.isArray(body.item_ids) && body.item_ids.length)
    return items.filter((i) => body.item_ids!.includes(i.id));
  throw new Problem(422, 'invalid_request', 'Name item_ids or all: true.', [
    { field: 'item_ids', message: 'Required' },
  ]);
}
