// The synced catalog as the pages see it (from the hub's catalog, contract B), presets, free previews
// with the test key, and credit estimates.
import { MARKETPLACE_PRESETS, type MarketplaceName } from '@pixport/shared';
import type { AppPreset, CatalogSyncState, Estimate, PreviewResponse, ProductFacets, ProductFilters, ProductPage, ProductRow, ProductSelection } from '../api/contract.js';
import { AppError } from '../errors.js';
import { hubRequest, type HubCatalogPage, type HubCatalogProduct, type HubEstimate } from '../hub/hub-shapes.js';
import type { MediaSigner } from '../lib/signed-url.js';
import type { ShopContext, ShopContexts } from './shop-context.js';

export const MARKETPLACE_PRESET_PREFIX = 'mkt:';
/** Marketplace presets offered in the app (the hub knows more; these are the ones a Shopify store wants). */
const OFFERED: MarketplaceName[] = ['shopify', 'amazon', 'google', 'ebay', 'etsy'];
/** Previews come back at the test key's preview size; ask for no more than that. */
const PREVIEW_WIDTH = 800;

/** What a run or an estimate gets from an app preset: a marketplace preset by name, or a saved preset id. */
export function presetFields(presetId: string): { operation: 'process'; preset: string } | { preset_id: string } {
  if (presetId.startsWith(MARKETPLACE_PRESET_PREFIX)) {
    const name = presetId.slice(MARKETPLACE_PRESET_PREFIX.length);
    if (!Object.hasOwn(MARKETPLACE_PRESETS, name)) throw new AppError('invalid_parameter', `No preset ${presetId}.`, { errors: [{ field: 'preset_id', message: 'unknown preset' }] });
    return { operation: 'process', preset: name };
  }
  return { preset_id: presetId };
}

/** A selection as the hub's run / estimate body takes it. */
export function selectionFields(selection: ProductSelection): Record<string, unknown> {
  if ('product_ids' in selection) return { product_ids: selection.product_ids };
  return { all: true, ...hubFilters(selection.filters) };
}

export function hubFilters(filters: ProductFilters = {}): Record<string, string> {
  const out: Record<string, string> = {};
  if (filters.query) Object.assign(out, { q: filters.query, search: filters.query });
  for (const name of ['vendor', 'product_type', 'status', 'collection', 'fails'] as const) if (filters[name]) out[name] = filters[name]!;
  return out;
}

const UNKNOWN = { amazon: 'unknown', google: 'unknown', shopify: 'unknown' } as const;

export class CatalogService {
  constructor(private readonly contexts: ShopContexts, private readonly signer: MediaSigner) {}

  async syncState(shop: string): Promise<CatalogSyncState> {
    const { linked, hub } = await this.contexts.of(shop);
    const sync = await this.contexts.call(async () => (await hub.getIntegration(linked.integrationId)).sync);
    return toSyncState(sync);
  }

  async startSync(shop: string): Promise<CatalogSyncState> {
    const { linked, hub } = await this.contexts.of(shop);
    return toSyncState(await this.contexts.call(() => hub.syncIntegration(linked.integrationId)));
  }

  async products(shop: string, filters: ProductFilters, cursor: string | undefined, limit: number): Promise<ProductPage> {
    const context = await this.contexts.of(shop);
    const page = await this.page(context, { ...hubFilters(filters), cursor, limit });
    return { products: page.data.map((product) => this.row(shop, product)), next_cursor: page.next_cursor, total: page.total ?? page.data.length };
  }

  async facets(shop: string): Promise<ProductFacets> {
    const { linked, hub } = await this.contexts.of(shop);
    return this.contexts.call(() => hub.catalogFacets({ integration_id: linked.integrationId }));
  }

  /** One product of the synced catalog by its Shopify id, or null. */
  async product(context: ShopContext, productId: string): Promise<HubCatalogProduct | null> {
    const page = await this.page(context, { q: productId, search: productId, limit: 5 });
    return page.data.find((product) => product.product_id === productId) ?? null;
  }

  private page(context: ShopContext, params: Record<string, unknown>): Promise<HubCatalogPage> {
    return this.contexts.call(() => context.hub.catalog({ integration: context.linked.integrationId, ...params }) as Promise<HubCatalogPage>);
  }

  async presets(shop: string): Promise<AppPreset[]> {
    const { hub } = await this.contexts.of(shop);
    const [saved, account] = await this.contexts.call(() => Promise.all([hub.listPresets(), hub.account()]));
    const costs = account.credits.costs as Record<string, number>;
    const marketplace: AppPreset[] = OFFERED.map((name) => {
      const preset = MARKETPLACE_PRESETS[name];
      return {
        id: `${MARKETPLACE_PRESET_PREFIX}${name}`,
        name: preset.title,
        description: preset.notes,
        source: 'marketplace',
        operation: 'process',
        params: { ...preset.process },
        credits_per_image: costs.process ?? 1,
      };
    });
    const own: AppPreset[] = saved.data.map((preset) => ({
      id: preset.id,
      name: preset.name,
      description: `${preset.operation} (saved preset)`,
      source: 'saved',
      operation: preset.operation,
      params: preset.params as Record<string, unknown>,
      credits_per_image: costs[preset.operation] ?? 1,
    }));
    return [...marketplace, ...own];
  }

  async presetName(shop: string, presetId: string): Promise<string> {
    if (presetId.startsWith(MARKETPLACE_PRESET_PREFIX)) {
      presetFields(presetId);
      return MARKETPLACE_PRESETS[presetId.slice(MARKETPLACE_PRESET_PREFIX.length) as MarketplaceName].title;
    }
    const { hub } = await this.contexts.of(shop);
    return (await this.contexts.call(() => hub.getPreset(presetId))).name;
  }

  async estimate(shop: string, body: { preset_id: string; selection: ProductSelection; images: 'main' | 'all' }): Promise<Estimate> {
    const { linked, hub } = await this.contexts.of(shop);
    const data = { integration_id: linked.integrationId, ...presetFields(body.preset_id), ...selectionFields(body.selection), images: body.images };
    return this.contexts.call(() => hubRequest<HubEstimate>(hub, 'post', '/api/v1/catalog/estimate', { data }));
  }

  /** Free previews: each product's main image through the preset with the test key (no credits, preview size). */
  async previews(shop: string, body: { preset_id: string; product_ids: string[] }): Promise<PreviewResponse> {
    const context = await this.contexts.of(shop);
    const test = this.contexts.testClient(context.linked);
    const fields = presetFields(body.preset_id);
    const preset = 'preset' in fields ? fields.preset : fields.preset_id;
    const previews = await Promise.all(
      body.product_ids.map(async (productId) => {
        const product = await this.product(context, productId);
        const image = product?.images.find((candidate) => candidate.position === 1) ?? product?.images[0];
        if (!product || !image) return { product_id: productId, product_title: product?.title ?? productId, image_id: '', before_url: '', after_url: null, error: product ? 'This product has no image.' : 'Not in the synced catalog.' };
        const before_url = this.signer.url(shop, 'original', originalRef(image.url));
        try {
          const result = await this.contexts.call(() => test.processImage({ url: image.url }, { preset, width: PREVIEW_WIDTH, height: PREVIEW_WIDTH }));
          return { product_id: productId, product_title: product.title, image_id: image.id, before_url, after_url: this.signer.url(shop, 'preview', result.id), error: null };
        } catch (error) {
          if (error instanceof AppError && error.code === 'hub_unavailable') throw error;
          return { product_id: productId, product_title: product.title, image_id: image.id, before_url, after_url: null, error: (error as Error).message };
        }
      }),
    );
    return { previews };
  }

  private row(shop: string, product: HubCatalogProduct): ProductRow {
    const main = product.images.find((image) => image.position === 1) ?? product.images[0];
    return {
      id: product.product_id,
      title: product.title,
      vendor: product.vendor ?? null,
      product_type: product.product_type ?? null,
      status: product.status ?? null,
      image_count: product.images.length,
      thumbnail_url: main ? this.signer.url(shop, 'original', originalRef(main.url)) : null,
      compliance: product.compliance ?? UNKNOWN,
    };
  }
}

/** An original image is named by its URL (from the hub's catalog), signed into the link. */
export const originalRef = (url: string) => Buffer.from(url).toString('base64url');

function toSyncState(sync: { status: string; fetched: number; started_at: string | null; finished_at: string | null; error: { message: string } | null } | null): CatalogSyncState {
  if (!sync) return { status: 'idle', fetched: 0, started_at: null, finished_at: null, error: null };
  const status = sync.status === 'queued' || sync.status === 'running' ? 'running' : sync.status === 'failed' ? 'failed' : 'succeeded';
  return { status, fetched: sync.fetched, started_at: sync.started_at, finished_at: sync.finished_at, error: sync.error?.message ?? null };
}
