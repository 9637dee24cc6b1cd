// Shopify connector: Admin GraphQL API at a fixed version, shop domain + Admin API access token.
import axios, { type AxiosInstance } from 'axios';
import type {
  ImageUpload,
  ListOptions,
  MarketplaceConnector,
  MarketplaceProduct,
  ProductImage,
  ProductPage,
  PublishOptions,
  PublishResult,
  SyncOptions,
  VerifyResult,
} from '../connector.js';
import { ConnectorError } from '../connector-error.js';
import { fromHttpError } from '../support/http-errors.js';
import { ShopifyGraphqlClient } from './shopify-graphql.client.js';
import { exportProductsInBulk } from './shopify.bulk.js';
import { toProduct, type ShopifyProductNode } from './shopify.mapping.js';
import * as Q from './shopify.queries.js';
import { ShopifyMedia, failOnUserErrors, type UserErrors, type VariantMedia } from './shopify.media.js';
import { ShopifyTokenKeeper, type ShopifyCredentials, type ShopifyTokenRefresh } from './shopify-token.js';

export const SHOPIFY_API_VERSION = '2026-10';

export type { ShopifyCredentials, ShopifyTokenRefresh } from './shopify-token.js';

export interface ShopifyConnectorOptions {
  /** Expiring offline tokens: how to refresh them and where the new ones go. */
  tokenRefresh?: ShopifyTokenRefresh;
  /** Overrides `https://{shop}` (sandboxes, proxies). */
  baseUrl?: string;
  timeoutMs?: number;
  bulkPollIntervalMs?: number;
  /** Assumed bulk export speed when deciding whether bulk beats paging. */
  bulkObjectsPerSecondEstimate?: number;
  /** Fixed cost of a bulk export (start, polling, download) in seconds. */
  bulkOverheadSeconds?: number;
  mediaReadyTimeoutMs?: number;
  /** How long to wait for a productReorderMedia job. */
  jobTimeoutMs?: number;
  /** Told once when Shopify serves another Admin API version than SHOPIFY_API_VERSION; default: a console warning. */
  onApiVersionMismatch?: (requested: string, served: string) => void;
}

export class ShopifyConnector implements MarketplaceConnector {
  readonly id = 'shopify' as const;
  readonly capabilities = { restore: true, variantImages: true, bulkSync: true };
  readonly client: ShopifyGraphqlClient;
  readonly tokens: ShopifyTokenKeeper;
  private readonly media: ShopifyMedia;
  private readonly http: AxiosInstance;

  constructor(
    credentials: ShopifyCredentials,
    private readonly options: ShopifyConnectorOptions = {},
  ) {
    if (!options.baseUrl && !/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i.test(credentials.shop)) {
      throw new ConnectorError({ marketplace: 'shopify', code: 'invalid_request', message: 'shopify: shop must be a *.myshopify.com domain' });
    }
    const baseURL = options.baseUrl ?? `https://${credentials.shop}`;
    this.http = axios.create({ baseURL, timeout: options.timeoutMs ?? 30_000, headers: { 'Content-Type': 'application/json' } });
    this.tokens = new ShopifyTokenKeeper(credentials, baseURL, options.tokenRefresh, options.timeoutMs ?? 30_000);
    this.tokens.install(this.http);
    this.client = new ShopifyGraphqlClient(this.http, `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`, {
      apiVersion: SHOPIFY_API_VERSION,
      onVersionMismatch:
        options.onApiVersionMismatch ??
        ((requested, served) => console.warn(`shopify: ${credentials.shop} asked for Admin API ${requested} and was served ${served}; the pinned version is no longer supported, upgrade the connector`)),
    });
    this.media = new ShopifyMedia(this.client, { mediaReadyTimeoutMs: options.mediaReadyTimeoutMs ?? 60_000, jobTimeoutMs: options.jobTimeoutMs ?? 60_000 });
  }

  async verifyCredentials(): Promise<VerifyResult> {
    const { data } = await this.client.query<{ shop: { id: string; name: string; myshopifyDomain: string; plan: unknown } }>(Q.SHOP_QUERY);
    const served = this.client.servedVersion ?? SHOPIFY_API_VERSION;
    return { ok: true, account: data.shop.myshopifyDomain, details: { name: data.shop.name, plan: data.shop.plan, api_version: SHOPIFY_API_VERSION, api_version_served: served } };
  }

  private async fetchPage(cursor: string | null, options: ListOptions) {
    const { data, cost } = await this.client.query<{ products: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ShopifyProductNode[] } }>(
      Q.PRODUCTS_QUERY,
      { first: Q.PRODUCTS_PAGE_SIZE, after: cursor, query: searchFor(options) },
    );
    const page: ProductPage = {
      products: data.products.nodes.map(toProduct),
      next_cursor: data.products.pageInfo.hasNextPage ? data.products.pageInfo.endCursor : null,
    };
    return { page, actualCost: cost?.actualQueryCost ?? null };
  }

  async listProducts(cursor: string | null, options: ListOptions = {}): Promise<ProductPage> {
    return (await this.fetchPage(cursor, options)).page;
  }

  /**
   * Pages with the cost-aware client, or switches to a bulk export when the first page shows that
   * paging the rest under the shop's restore rate would take longer than a bulk operation.
   */
  async *syncCatalog(options: SyncOptions = {}): AsyncIterable<MarketplaceProduct[]> {
    const strategy = options.strategy ?? 'auto';
    if (strategy === 'bulk') {
      yield* this.bulkCatalog(options, new Set(), null);
      return;
    }
    const first = await this.fetchPage(null, options);
    let fetched = first.page.products.length;
    let total: number | null = null;
    if (strategy === 'auto' && first.page.next_cursor) {
      const { data } = await this.client.query<{ productsCount: { count: number } }>(Q.PRODUCTS_COUNT_QUERY, { query: searchFor(options) });
      total = data.productsCount.count;
      if (this.bulkIsFaster(first.page.products, first.actualCost, total - fetched)) {
        options.onProgress?.({ fetched, total, strategy: 'bulk' });
        if (first.page.products.length) yield first.page.products;
        yield* this.bulkCatalog(options, new Set(first.page.products.map((p) => p.id)), total);
        return;
      }
    }
    options.onProgress?.({ fetched, total, strategy: 'paged' });
    if (first.page.products.length) yield first.page.products;
    let cursor = first.page.next_cursor;
    while (cursor) {
      const { page } = await this.fetchPage(cursor, options);
      fetched += page.products.length;
      options.onProgress?.({ fetched, total, strategy: 'paged' });
      if (page.products.length) yield page.products;
      cursor = page.next_cursor;
    }
  }

  /** Estimated seconds: paging is bound by restore rate; bulk by its own speed plus a fixed overhead. */
  bulkIsFaster(sample: MarketplaceProduct[], sampleCost: number | null, remaining: number): boolean {
    const restoreRate = this.client.restoreRate();
    if (!sample.length || sampleCost === null || restoreRate === null || remaining <= 0) return false;
    const pointsLeft = (sampleCost / sample.length) * remaining - (this.client.estimatedAvailable() ?? 0);
    const pagedSeconds = Math.max(0, pointsLeft) / restoreRate;
    const objectsPerProduct = sample.reduce((n, p) => n + 1 + p.variants.length + p.images.length, 0) / sample.length;
    const bulkSeconds = (this.options.bulkOverheadSeconds ?? 5) + (remaining * objectsPerProduct) / (this.options.bulkObjectsPerSecondEstimate ?? 1000);
    return bulkSeconds < pagedSeconds;
  }

  private async *bulkCatalog(options: SyncOptions, skip: Set<string>, total: number | null): AsyncIterable<MarketplaceProduct[]> {
    let fetched = skip.size;
    const batches = exportProductsInBulk(this.client, {
      search: searchFor(options),
      pollIntervalMs: this.options.bulkPollIntervalMs ?? 1000,
      batchSize: 250,
      timeoutMs: 6 * 3600_000,
    });
    for await (const batch of batches) {
      const fresh = batch.filter((p) => !skip.has(p.id));
      fetched += fresh.length;
      options.onProgress?.({ fetched, total, strategy: 'bulk' });
      if (fresh.length) yield fresh;
    }
  }

  async getProduct(productId: string): Promise<MarketplaceProduct> {
    return (await this.readProduct(productId)).product;
  }

  /** The product, and which media each variant shows (videos too, which images do not list). */
  private async readProduct(productId: string): Promise<{ product: MarketplaceProduct; variantMedia: VariantMedia }> {
    const { data } = await this.client.query<{ product: ShopifyProductNode | null }>(Q.PRODUCT_QUERY, { id: productId });
    if (!data.product) throw new ConnectorError({ marketplace: 'shopify', code: 'not_found', status: 404, message: `shopify: product ${productId} not found` });
    const variantMedia: VariantMedia = new Map(data.product.variants.nodes.map((v) => [v.id, (v.media?.nodes ?? []).map((m) => m.id)]));
    return { product: toProduct(data.product), variantMedia };
  }

  /**
   * Stage → upload → fileCreate (the new id from its answer) → READY → attach → reorder (job polled)
   * → variant links → detach the replaced original. A replacement carries the original's alt text and
   * variant links unless told otherwise. Until the last step the original stays live; any failure
   * before it deletes the new file again, so the product is never left half-updated.
   */
  async publishImage(productId: string, image: ImageUpload, options: PublishOptions = {}): Promise<PublishResult> {
    const { product: before, variantMedia } = await this.readProduct(productId);
    const replaced = options.replaceImageId ? before.images.find((i) => i.id === options.replaceImageId) : undefined;
    if (options.replaceImageId && !replaced) {
      throw new ConnectorError({ marketplace: 'shopify', code: 'not_found', status: 404, message: `shopify: image ${options.replaceImageId} is not on product ${productId}` });
    }
    const variantIds = [...new Set([...(options.variantIds ?? []), ...(replaced?.variant_ids ?? [])])];
    const unknown = variantIds.find((id) => !variantMedia.has(id));
    if (unknown) throw new ConnectorError({ marketplace: 'shopify', code: 'not_found', status: 404, message: `shopify: variant ${unknown} is not on product ${productId}` });
    const alt = options.alt !== undefined ? options.alt : (replaced?.alt ?? null);
    const resourceUrl = await this.stageUpload(image);
    const mediaId = await this.media.createFile(resourceUrl, alt, image.filename);
    try {
      await this.media.waitUntilReady(mediaId);
      await this.media.attach(productId, mediaId);
      const position = replaced?.position ?? options.position;
      if (position) await this.media.move(productId, mediaId, position);
      await this.media.linkVariants(productId, mediaId, variantIds, variantMedia);
    } catch (error) {
      await this.media.deleteQuietly(mediaId);
      throw error;
    }
    if (replaced) await this.media.detach(productId, replaced.id);
    const after = await this.getProduct(productId);
    return { image: findImage(after.images, mediaId), replaced: replaced ?? null, warnings: [] };
  }

  /**
   * Re-attaches the replaced file (it stays in Files) where it was, gives it back its variant links,
   * then detaches the published one.
   */
  async restoreImage(productId: string, result: PublishResult): Promise<MarketplaceProduct> {
    const { product, variantMedia } = await this.readProduct(productId);
    const original = result.replaced;
    if (original) {
      if (!product.images.some((i) => i.id === original.id)) await this.media.attach(productId, original.id);
      await this.media.move(productId, original.id, original.position);
      const links = (original.variant_ids ?? []).filter((id) => variantMedia.has(id));
      await this.media.linkVariants(productId, original.id, links, variantMedia);
    }
    if (product.images.some((i) => i.id === result.image.id)) await this.media.detach(productId, result.image.id);
    return this.getProduct(productId);
  }

  private async stageUpload(image: ImageUpload): Promise<string> {
    const { data } = await this.client.query<{
      stagedUploadsCreate: { stagedTargets: { url: string; resourceUrl: string; parameters: { name: string; value: string }[] }[] | null; userErrors: UserErrors };
    }>(Q.STAGED_UPLOADS_MUTATION, {
      input: [{ resource: 'IMAGE', filename: image.filename, mimeType: image.contentType, httpMethod: 'POST', fileSize: String(image.data.length) }],
    });
    failOnUserErrors(data.stagedUploadsCreate.userErrors, 'stagedUploadsCreate');
    const target = data.stagedUploadsCreate.stagedTargets![0]!;
    const form = new FormData();
    for (const { name, value } of target.parameters) form.append(name, value);
    form.append('file', new Blob([image.data], { type: image.contentType }), image.filename);
    try {
      await axios.post(target.url, form, { timeout: this.options.timeoutMs ?? 60_000, maxBodyLength: Infinity });
    } catch (error) {
      throw fromHttpError('shopify', error, (body) => ({ code: /<Code>([^<]+)<\/Code>/.exec(String(body))?.[1], message: /<Message>([^<]+)<\/Message>/.exec(String(body))?.[1] }));
    }
    return target.resourceUrl;
  }
}

function searchFor(options: ListOptions): string | null {
  return options.updatedSince ? `updated_at:>'${options.updatedSince}'` : null;
}

function findImage(images: ProductImage[], id: string): ProductImage {
  const image = images.find((i) => i.id === id);
  if (!image) throw new ConnectorError({ marketplace: 'shopify', code: 'bad_response', message: `shopify: media ${id} missing after publish` });
  return image;
}
