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
import { sleep } from '../support/retry.js';
import { ShopifyGraphqlClient } from './shopify-graphql.client.js';
import { exportProductsInBulk } from './shopify.bulk.js';
import { toProduct, type ShopifyProductNode } from './shopify.mapping.js';
import * as Q from './shopify.queries.js';
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
}

type UserErrors = { field?: string[] | null; message: string; code?: string | null }[];

function failOnUserErrors(errors: UserErrors | undefined, action: string) {
  const first = errors?.[0];
  if (!first) return;
  throw new ConnectorError({
    marketplace: 'shopify',
    code: first.code?.includes('NOT_EXIST') ? 'not_found' : 'rejected',
    message: `shopify: ${action}: ${first.message}`,
    marketplaceCode: first.code ?? undefined,
    marketplaceMessage: first.message,
    details: errors,
  });
}

export class ShopifyConnector implements MarketplaceConnector {
  readonly id = 'shopify' as const;
  readonly capabilities = { restore: true, variantImages: true, bulkSync: true };
  readonly client: ShopifyGraphqlClient;
  readonly tokens: ShopifyTokenKeeper;
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
    this.client = new ShopifyGraphqlClient(this.http, `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`);
  }

  async verifyCredentials(): Promise<VerifyResult> {
    const { data } = await this.client.query<{ shop: { id: string; name: string; myshopifyDomain: string; plan: unknown } }>(Q.SHOP_QUERY);
    return { ok: true, account: data.shop.myshopifyDomain, details: { name: data.shop.name, plan: data.shop.plan, api_version: SHOPIFY_API_VERSION } };
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
    const { data } = await this.client.query<{ product: ShopifyProductNode | null }>(Q.PRODUCT_QUERY, { id: productId });
    if (!data.product) throw new ConnectorError({ marketplace: 'shopify', code: 'not_found', status: 404, message: `shopify: product ${productId} not found` });
    return toProduct(data.product);
  }

  async publishImage(productId: string, image: ImageUpload, options: PublishOptions = {}): Promise<PublishResult> {
    const before = await this.getProduct(productId);
    const replaced = options.replaceImageId ? before.images.find((i) => i.id === options.replaceImageId) : undefined;
    if (options.replaceImageId && !replaced) {
      throw new ConnectorError({ marketplace: 'shopify', code: 'not_found', status: 404, message: `shopify: image ${options.replaceImageId} is not on product ${productId}` });
    }
    const resourceUrl = await this.stageUpload(image);
    const { data } = await this.client.query<{ productUpdate: { product: { media: { nodes: { id: string }[] } } | null; userErrors: UserErrors } }>(
      Q.ATTACH_MEDIA_MUTATION,
      { product: { id: productId }, media: [{ originalSource: resourceUrl, alt: options.alt ?? null, mediaContentType: 'IMAGE' }] },
    );
    failOnUserErrors(data.productUpdate.userErrors, 'productUpdate');
    const mediaId = data.productUpdate.product!.media.nodes[0]!.id;
    await this.waitUntilReady(mediaId);
    const position = replaced?.position ?? options.position;
    if (position) await this.moveMedia(productId, mediaId, position);
    if (replaced) await this.detachMedia(productId, replaced.id);
    if (options.variantIds?.length) {
      const { data: variantData } = await this.client.query<{ productVariantAppendMedia: { userErrors: UserErrors } }>(Q.VARIANT_MEDIA_MUTATION, {
        productId,
        variantMedia: options.variantIds.map((variantId) => ({ variantId, mediaIds: [mediaId] })),
      });
      failOnUserErrors(variantData.productVariantAppendMedia.userErrors, 'productVariantAppendMedia');
    }
    const after = await this.getProduct(productId);
    return { image: findImage(after.images, mediaId), replaced: replaced ?? null, warnings: [] };
  }

  /** Re-attaches the replaced media file (it stays in Files) where it was, then detaches the published one. */
  async restoreImage(productId: string, result: PublishResult): Promise<MarketplaceProduct> {
    if (result.replaced) {
      const { data } = await this.client.query<{ fileUpdate: { userErrors: UserErrors } }>(Q.FILE_UPDATE_MUTATION, {
        files: [{ id: result.replaced.id, referencesToAdd: [productId] }],
      });
      failOnUserErrors(data.fileUpdate.userErrors, 'fileUpdate');
      await this.moveMedia(productId, result.replaced.id, result.replaced.position);
    }
    await this.detachMedia(productId, result.image.id);
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

  private async waitUntilReady(mediaId: string) {
    const deadline = Date.now() + (this.options.mediaReadyTimeoutMs ?? 60_000);
    for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
      const { data } = await this.client.query<{ node: { status: string } | null }>(Q.MEDIA_STATUS_QUERY, { id: mediaId });
      if (data.node?.status === 'READY') return;
      if (data.node?.status === 'FAILED') throw new ConnectorError({ marketplace: 'shopify', code: 'rejected', message: 'shopify: media processing failed', marketplaceCode: 'FAILED' });
      if (Date.now() > deadline) throw new ConnectorError({ marketplace: 'shopify', code: 'unavailable', message: 'shopify: media still processing' });
      await sleep(delay);
    }
  }

  private async moveMedia(productId: string, mediaId: string, position: number) {
    const { data } = await this.client.query<{ productReorderMedia: { mediaUserErrors: UserErrors } }>(Q.REORDER_MEDIA_MUTATION, {
      id: productId,
      moves: [{ id: mediaId, newPosition: String(Math.max(0, position - 1)) }],
    });
    failOnUserErrors(data.productReorderMedia.mediaUserErrors, 'productReorderMedia');
  }

  private async detachMedia(productId: string, mediaId: string) {
    const { data } = await this.client.query<{ fileUpdate: { userErrors: UserErrors } }>(Q.FILE_UPDATE_MUTATION, {
      files: [{ id: mediaId, referencesToRemove: [productId] }],
    });
    failOnUserErrors(data.fileUpdate.userErrors, 'fileUpdate');
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
