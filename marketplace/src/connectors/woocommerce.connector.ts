// WooCommerce connector: REST API v3 with consumer key/secret (Basic over HTTPS, OAuth 1.0a over HTTP).
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse, type Method } from 'axios';
import type {
  AgentOptions,
  ImageUpload,
  ListOptions,
  MarketplaceConnector,
  MarketplaceProduct,
  ProductPage,
  ProductStatus,
  PublishOptions,
  PublishResult,
  SyncOptions,
  VerifyResult,
} from '../connector.js';
import { pagedCatalog } from '../connector.js';
import { ConnectorError } from '../connector-error.js';
import { fromHttpError } from '../support/http-errors.js';
import { signRequest } from '../support/oauth1.js';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from '../support/retry.js';

export interface WooCommerceCredentials {
  /** The store's site URL, e.g. https://shop.example.com */
  url: string;
  consumerKey: string;
  consumerSecret: string;
  /** WordPress Application Password for /wp/v2/media (WooCommerce keys only cover /wc/ routes by default). */
  wpUsername?: string;
  wpApplicationPassword?: string;
}

export interface WooCommerceConnectorOptions extends AgentOptions {
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** Extra CA (PEM) to trust, e.g. a self-signed store or sandbox certificate (ignored with `httpsAgent`). */
  ca?: string;
  /** Parallel variation look-ups while listing. */
  variationConcurrency?: number;
}

interface WooImage {
  id: number;
  src: string;
  alt: string;
}

interface WooTerm {
  id: number;
  name: string;
}

interface WooProduct {
  id: number;
  name: string;
  sku: string;
  type: string;
  status: string;
  categories?: WooTerm[];
  /** WooCommerce 9.6+ (Brands in core); absent before. */
  brands?: WooTerm[];
  date_modified_gmt: string;
  images: WooImage[];
  variations: number[];
}

interface WooVariation {
  id: number;
  sku: string;
  attributes: { name: string; option: string }[];
  image?: { id: number } | null;
}

const STATUSES: Record<string, ProductStatus> = { publish: 'active', future: 'draft', draft: 'draft', pending: 'draft', private: 'archived' };

const PER_PAGE = 100;

/**
 * How a site is reached, learnt on first use and remembered per site and key for the process: `query`
 * when the host strips the Authorization header (WooCommerce then takes consumer_key/consumer_secret in
 * the query string over HTTPS), `rest_route` when the site has plain permalinks (/wp-json is not routed).
 */
export interface WooSiteMode {
  /** `signed-http`: a TLS-terminating proxy in front: WordPress sees plain HTTP, so OAuth 1.0a signed for http://. */
  auth: 'basic' | 'query' | 'signed-http';
  routing: 'wp-json' | 'rest_route';
}
const siteModes = new Map<string, WooSiteMode>();

/** A 404 that is not WordPress's JSON error: /wp-json is not routed on this site. */
function unroutedRestApi(error: unknown): boolean {
  if (!axios.isAxiosError(error) || error.response?.status !== 404) return false;
  const body = error.response.data as { code?: unknown } | string | undefined;
  return !(body && typeof body === 'object' && typeof body.code === 'string');
}

/** A 401 for a request WooCommerce saw without credentials: the Authorization header did not arrive. */
function credentialsNotSeen(error: unknown): boolean {
  if (!axios.isAxiosError(error) || error.response?.status !== 401) return false;
  const code = (error.response.data as { code?: string } | undefined)?.code;
  return code === 'woocommerce_rest_cannot_view' || code === 'woocommerce_rest_cannot_create' || code === 'woocommerce_rest_cannot_edit';
}
const readWooError = (data: unknown) => {
  const body = data as { code?: string; message?: string } | undefined;
  return { code: body?.code, message: body?.message };
};

export class WooCommerceConnector implements MarketplaceConnector {
  readonly id = 'woocommerce' as const;
  readonly capabilities = { restore: true, variantImages: true, bulkSync: false };
  private readonly http: AxiosInstance;
  private readonly secure: boolean;
  private readonly base: string;
  private readonly mode: WooSiteMode;

  constructor(
    private readonly credentials: WooCommerceCredentials,
    private readonly options: WooCommerceConnectorOptions = {},
  ) {
    this.base = credentials.url.replace(/\/+$/, '');
    this.secure = this.base.startsWith('https://');
    const key = `${this.base}\n${credentials.consumerKey}`;
    this.mode = siteModes.get(key) ?? { auth: 'basic', routing: 'wp-json' };
    siteModes.set(key, this.mode);
    this.http = axios.create({
      timeout: options.timeoutMs ?? 30_000,
      httpAgent: options.httpAgent,
      httpsAgent: options.httpsAgent ?? (options.ca ? new https.Agent({ ca: options.ca }) : undefined),
      maxBodyLength: Infinity,
    });
  }

  /**
   * One call to /wc/v3 (or /wp/v2 for media), authenticated the way the scheme requires, retried on
   * 429/5xx; falls back (once, then remembered) to ?rest_route= and to query-string keys.
   */
  private async call<T>(method: Method, route: string, init: { query?: Record<string, string>; data?: unknown; headers?: Record<string, string> } = {}): Promise<AxiosResponse<T>> {
    const wordpressRoute = route.startsWith('/wp/');
    return withRetries(async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await this.send<T>(method, route, init, wordpressRoute);
        } catch (error) {
          if (attempt < 3 && this.mode.routing === 'wp-json' && unroutedRestApi(error)) {
            this.mode.routing = 'rest_route';
            continue;
          }
          // Keys not seen over HTTPS: the header was stripped (try the query string), or, if that is not seen
          // either, WordPress believes it is on HTTP behind a proxy (sign with OAuth for the http:// URL it sees).
          if (attempt < 3 && this.secure && !wordpressRoute && this.mode.auth !== 'signed-http' && credentialsNotSeen(error)) {
            this.mode.auth = this.mode.auth === 'basic' ? 'query' : 'signed-http';
            continue;
          }
          throw fromHttpError('woocommerce', error, readWooError);
        }
      }
    }, this.options.retry ?? DEFAULT_RETRY);
  }

  private async send<T>(method: Method, route: string, init: { query?: Record<string, string>; data?: unknown; headers?: Record<string, string> }, wordpressRoute: boolean) {
    const plain = this.mode.routing === 'rest_route';
    const url = plain ? `${this.base}/` : `${this.base}/wp-json${route}`;
    const headers: Record<string, string> = { ...init.headers };
    let params: Record<string, string> = { ...(plain ? { rest_route: route } : {}), ...init.query };
    if (wordpressRoute && this.credentials.wpUsername && this.credentials.wpApplicationPassword) {
      headers.Authorization = basic(this.credentials.wpUsername, this.credentials.wpApplicationPassword);
    } else if (this.secure && this.mode.auth === 'signed-http') {
      params = signRequest(method, url.replace(/^https:/, 'http:'), params, this.credentials.consumerKey, this.credentials.consumerSecret);
    } else if (this.secure && this.mode.auth === 'query') {
      // Over HTTPS only: WooCommerce refuses query-string keys on plain HTTP.
      params = { ...params, consumer_key: this.credentials.consumerKey, consumer_secret: this.credentials.consumerSecret };
    } else if (this.secure) {
      headers.Authorization = basic(this.credentials.consumerKey, this.credentials.consumerSecret);
    } else {
      params = signRequest(method, url, params, this.credentials.consumerKey, this.credentials.consumerSecret);
    }
    return this.http.request<T>({ method, url, params, data: init.data, headers });
  }

  async verifyCredentials(): Promise<VerifyResult> {
    const response = await this.call<WooProduct[]>('GET', '/wc/v3/products', { query: { per_page: '1' } });
    const auth = this.secure ? this.mode.auth : 'oauth1';
    return { ok: true, account: this.base, details: { products: Number(response.headers['x-wp-total'] ?? 0), auth, routing: this.mode.routing } };
  }

  async listProducts(cursor: string | null, options: ListOptions = {}): Promise<ProductPage> {
    const page = cursor ? Number(cursor) : 1;
    const query: Record<string, string> = { per_page: String(PER_PAGE), page: String(page), orderby: 'id', order: 'asc' };
    if (options.updatedSince) Object.assign(query, { modified_after: options.updatedSince.replace(/Z$/, ''), dates_are_gmt: 'true' });
    const response = await this.call<WooProduct[]>('GET', '/wc/v3/products', { query });
    const totalPages = Number(response.headers['x-wp-totalpages'] ?? 1);
    const products = await mapLimited(response.data, this.options.variationConcurrency ?? 4, (p) => this.toProduct(p));
    return { products, next_cursor: page < totalPages ? String(page + 1) : null };
  }

  syncCatalog(options: SyncOptions = {}): AsyncIterable<MarketplaceProduct[]> {
    return pagedCatalog(this, options);
  }

  async getProduct(productId: string): Promise<MarketplaceProduct> {
    return this.toProduct(await this.rawProduct(productId));
  }

  private async rawProduct(productId: string): Promise<WooProduct> {
    return (await this.call<WooProduct>('GET', `/wc/v3/products/${encodeURIComponent(productId)}`)).data;
  }

  private async toProduct(product: WooProduct): Promise<MarketplaceProduct> {
    const variations = product.type === 'variable' && product.variations.length > 0 ? await this.variations(product.id) : [];
    const variants = variations.map((v) => ({ id: String(v.id), title: v.attributes.map((a) => a.option).join(' / ') || product.name, sku: v.sku || null }));
    const variantsOf = (imageId: number) => variations.filter((v) => v.image?.id === imageId).map((v) => String(v.id));
    return {
      id: String(product.id),
      title: product.name,
      vendor: product.brands?.[0]?.name ?? null,
      // WooCommerce's own product type (simple, variable, grouped, external): the nearest it has.
      product_type: product.type || null,
      status: STATUSES[product.status] ?? null,
      collections: (product.categories ?? []).map((c) => ({ id: String(c.id), title: c.name })),
      skus: [...new Set([product.sku, ...variants.map((v) => v.sku)].filter((s): s is string => !!s))],
      variants,
      images: product.images.map((image, index) => ({ id: String(image.id), url: image.src, alt: image.alt || null, position: index + 1, variant_ids: variantsOf(image.id) })),
      updated_at: `${product.date_modified_gmt}Z`,
    };
  }

  private async variations(productId: number): Promise<WooVariation[]> {
    const all: WooVariation[] = [];
    for (let page = 1, pages = 1; page <= pages; page++) {
      const response = await this.call<WooVariation[]>('GET', `/wc/v3/products/${productId}/variations`, { query: { per_page: String(PER_PAGE), page: String(page) } });
      pages = Number(response.headers['x-wp-totalpages'] ?? 1);
      all.push(...response.data);
    }
    return all;
  }

  /** Media-library attachment id for the image: uploaded to /wp/v2/media, or sideloaded from its public URL. */
  private async uploadMedia(image: ImageUpload): Promise<{ id: number } | { src: string }> {
    const canUpload = (this.credentials.wpUsername && this.credentials.wpApplicationPassword) || !image.publicUrl;
    if (!canUpload) return { src: image.publicUrl! };
    const response = await this.call<{ id: number }>('POST', '/wp/v2/media', {
      data: image.data,
      headers: { 'Content-Type': image.contentType, 'Content-Disposition': `attachment; filename="${image.filename.replace(/["\\\r\n]/g, '_')}"` },
    });
    return { id: response.data.id };
  }

  async publishImage(productId: string, image: ImageUpload, options: PublishOptions = {}): Promise<PublishResult> {
    const before = await this.rawProduct(productId);
    const beforeProduct = await this.toProduct(before);
    const current = before.images.map((i) => ({ id: i.id }));
    const replacedIndex = options.replaceImageId ? before.images.findIndex((i) => String(i.id) === options.replaceImageId) : -1;
    if (options.replaceImageId && replacedIndex < 0) {
      throw new ConnectorError({ marketplace: 'woocommerce', code: 'not_found', status: 404, message: `woocommerce: image ${options.replaceImageId} is not on product ${productId}` });
    }
    const replaced = replacedIndex >= 0 ? beforeProduct.images[replacedIndex]! : null;
    // A replacement keeps the original's alt text (WooCommerce only writes a non-empty alt) and the variations showing it.
    const alt = options.alt !== undefined ? options.alt : (replaced?.alt ?? undefined);
    const variantIds = [...new Set([...(options.variantIds ?? []), ...(replaced?.variant_ids ?? [])])];
    const uploaded = await this.uploadMedia(image);
    const entry = { ...uploaded, ...(alt ? { alt } : {}) };
    const images = [...current];
    if (replacedIndex >= 0) images.splice(replacedIndex, 1, entry as { id: number });
    else images.splice(Math.min(Math.max(0, (options.position ?? images.length + 1) - 1), images.length), 0, entry as { id: number });
    const updated = await this.putImages(productId, images, before.images.length - (replacedIndex >= 0 ? 1 : 0));
    const position = replacedIndex >= 0 ? replacedIndex : images.indexOf(entry as { id: number });
    const published = updated.images[position]!;
    await this.setVariationImages(productId, variantIds, published.id);
    const product = await this.toProduct(await this.rawProduct(productId));
    return { image: product.images[position]!, replaced, warnings: [] };
  }

  private async setVariationImages(productId: string, variantIds: string[], imageId: number) {
    for (const variantId of variantIds) {
      await this.call('PUT', `/wc/v3/products/${encodeURIComponent(productId)}/variations/${encodeURIComponent(variantId)}`, { data: { image: { id: imageId } } });
    }
  }

  /** The replaced attachment is still in the media library: put it back (with its variation images) and take the published one out. */
  async restoreImage(productId: string, result: PublishResult): Promise<MarketplaceProduct> {
    const product = await this.rawProduct(productId);
    const images: { id: number }[] = product.images.filter((i) => String(i.id) !== result.image.id).map((i) => ({ id: i.id }));
    if (result.replaced) images.splice(Math.min(result.replaced.position - 1, images.length), 0, { id: Number(result.replaced.id) });
    await this.putImages(productId, images, product.images.length - 1);
    if (result.replaced) await this.setVariationImages(productId, result.replaced.variant_ids ?? [], Number(result.replaced.id));
    return this.getProduct(productId);
  }

  /**
   * PUT the full gallery. `images: []` deletes every image in WooCommerce, so a list shorter than the
   * images we meant to keep is refused before it is sent.
   */
  private async putImages(productId: string, images: ({ id: number } | { src: string })[], mustKeep: number): Promise<WooProduct> {
    if (images.length === 0 || images.length < mustKeep) {
      throw new ConnectorError({ marketplace: 'woocommerce', code: 'invalid_request', message: 'woocommerce: refusing an images update that would drop existing images' });
    }
    return (await this.call<WooProduct>('PUT', `/wc/v3/products/${encodeURIComponent(productId)}`, { data: { images } })).data;
  }
}

function basic(user: string, password: string) {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

async function mapLimited<T, R>(items: T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
