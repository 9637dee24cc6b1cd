// Amazon through the seller's own bridge endpoint, which holds the SP-API credentials. Pixport sends
// SKUs and public image URLs; the bridge answers with the SP-API Listings submission result.
import axios, { type AxiosInstance } from 'axios';
import type {
  AgentOptions,
  ImageUpload,
  ListOptions,
  MarketplaceConnector,
  MarketplaceProduct,
  ProductPage,
  PublishOptions,
  PublishResult,
  SyncOptions,
  VerifyResult,
} from '../connector.js';
import { pagedCatalog } from '../connector.js';
import { ConnectorError } from '../connector-error.js';
import { fromHttpError } from '../support/http-errors.js';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from '../support/retry.js';
import { signedHeaders, verifySignature } from '../support/standard-webhooks.js';
import {
  AMAZON_IMAGE_SLOTS,
  slotAt,
  slotPosition,
  type AmazonImageSlot,
  type BridgeListing,
  type BridgeListingsRequest,
  type BridgeListingsResponse,
  type BridgePublishRequest,
  type BridgePublishResponse,
  type BridgeVerifyResponse,
} from './amazon-bridge.contract.js';

export interface AmazonBridgeCredentials {
  /** Base URL of the bridge, e.g. https://bridge.example.com/pixport */
  url: string;
  /** Shared secret, `whsec_` + base64. */
  secret: string;
  /** Default marketplace, e.g. ATVPDKIKX0DER (amazon.com). */
  marketplaceId: string;
}

export interface AmazonBridgeConnectorOptions extends AgentOptions {
  timeoutMs?: number;
  retry?: RetryPolicy;
  pageSize?: number;
}

export class AmazonBridgeConnector implements MarketplaceConnector {
  readonly id = 'amazon-bridge' as const;
  readonly capabilities = { restore: true, variantImages: false, bulkSync: false };
  private readonly http: AxiosInstance;

  constructor(
    private readonly credentials: AmazonBridgeCredentials,
    private readonly options: AmazonBridgeConnectorOptions = {},
  ) {
    this.http = axios.create({
      baseURL: credentials.url.replace(/\/+$/, ''),
      timeout: options.timeoutMs ?? 30_000,
      transformResponse: (raw: unknown) => raw,
      responseType: 'text',
      httpAgent: options.httpAgent,
      httpsAgent: options.httpsAgent,
    });
  }

  /** Signs the JSON body, posts it, and accepts only answers signed with the same secret. */
  private async call<T>(operation: 'verify' | 'listings' | 'publish', payload: object): Promise<T> {
    return withRetries(async () => {
      const body = JSON.stringify(payload);
      let response;
      try {
        response = await this.http.post<string>(`/${operation}`, body, { headers: { 'Content-Type': 'application/json', ...signedHeaders(this.credentials.secret, body) } });
      } catch (error) {
        throw fromHttpError('amazon-bridge', error, (data) => {
          try {
            return JSON.parse(String(data)) as { code?: string; message?: string };
          } catch {
            return {};
          }
        });
      }
      if (!verifySignature(this.credentials.secret, response.headers as Record<string, string>, response.data)) {
        throw new ConnectorError({ marketplace: 'amazon-bridge', code: 'bad_response', message: 'amazon-bridge: response signature missing or invalid' });
      }
      return JSON.parse(response.data) as T;
    }, this.options.retry ?? DEFAULT_RETRY);
  }

  async verifyCredentials(): Promise<VerifyResult> {
    const answer = await this.call<BridgeVerifyResponse>('verify', {});
    return { ok: true, account: answer.seller_id, details: { marketplace_ids: answer.marketplace_ids } };
  }

  async listProducts(cursor: string | null, options: ListOptions = {}): Promise<ProductPage> {
    const request: BridgeListingsRequest = { cursor, page_size: this.options.pageSize ?? 100, marketplace_id: this.credentials.marketplaceId, updated_since: options.updatedSince };
    const answer = await this.call<BridgeListingsResponse>('listings', request);
    return { products: answer.items.map(toProduct), next_cursor: answer.next_cursor };
  }

  syncCatalog(options: SyncOptions = {}): AsyncIterable<MarketplaceProduct[]> {
    return pagedCatalog(this, options);
  }

  async getProduct(sku: string): Promise<MarketplaceProduct> {
    const answer = await this.call<BridgeListingsResponse>('listings', { cursor: null, page_size: 1, marketplace_id: this.credentials.marketplaceId, skus: [sku] });
    const listing = answer.items.find((item) => item.sku === sku);
    if (!listing) throw new ConnectorError({ marketplace: 'amazon-bridge', code: 'not_found', status: 404, message: `amazon-bridge: SKU ${sku} not found` });
    return toProduct(listing);
  }

  async publishImage(sku: string, image: ImageUpload, options: PublishOptions = {}): Promise<PublishResult> {
    if (!image.publicUrl) {
      throw new ConnectorError({ marketplace: 'amazon-bridge', code: 'invalid_request', message: 'amazon-bridge: Amazon fetches images by URL; pass image.publicUrl' });
    }
    const product = await this.getProduct(sku);
    const slot = this.chooseSlot(product, options);
    const replaced = product.images.find((i) => i.id === slot) ?? null;
    const result = await this.submit(sku, slot, image.publicUrl, options.marketplaceId);
    return { image: { id: slot, url: image.publicUrl, alt: null, position: slotPosition(slot), variant_ids: [] }, replaced, warnings: result };
  }

  /** Publishes the replaced image's URL back into its slot, or clears a slot that was empty before. */
  async restoreImage(sku: string, result: PublishResult): Promise<MarketplaceProduct> {
    const slot = result.image.id as AmazonImageSlot;
    await this.submit(sku, slot, result.replaced?.url ?? null);
    return this.getProduct(sku);
  }

  private chooseSlot(product: MarketplaceProduct, options: PublishOptions): AmazonImageSlot {
    if (options.replaceImageId) {
      if (!AMAZON_IMAGE_SLOTS.includes(options.replaceImageId as AmazonImageSlot)) {
        throw new ConnectorError({ marketplace: 'amazon-bridge', code: 'invalid_request', message: `amazon-bridge: ${options.replaceImageId} is not an image slot (main, other_1..other_8)` });
      }
      return options.replaceImageId as AmazonImageSlot;
    }
    const slot = options.position ? slotAt(options.position) : AMAZON_IMAGE_SLOTS.find((s) => !product.images.some((i) => i.id === s));
    if (!slot) throw new ConnectorError({ marketplace: 'amazon-bridge', code: 'invalid_request', message: 'amazon-bridge: no free image slot (Amazon allows main + 8 others)' });
    return slot;
  }

  private async submit(sku: string, slot: AmazonImageSlot, imageUrl: string | null, marketplaceId?: string): Promise<string[]> {
    const request: BridgePublishRequest = { sku, marketplace_id: marketplaceId ?? this.credentials.marketplaceId, slot, image_url: imageUrl };
    const answer = await this.call<BridgePublishResponse>('publish', request);
    if (!answer || typeof answer !== 'object' || typeof answer.status !== 'string') {
      throw new ConnectorError({ marketplace: 'amazon-bridge', code: 'bad_response', message: 'amazon-bridge: publish answer has no status', details: answer });
    }
    const issues = Array.isArray(answer.issues) ? answer.issues : [];
    const errors = issues.filter((i) => i?.severity === 'ERROR');
    if (answer.status === 'VALID') {
      throw new ConnectorError({ marketplace: 'amazon-bridge', code: 'rejected', message: `amazon-bridge: listing ${sku} was only validated (VALIDATION_PREVIEW), nothing was submitted`, marketplaceCode: 'VALID', details: answer });
    }
    if (answer.status !== 'ACCEPTED' || errors.length > 0) {
      throw new ConnectorError({
        marketplace: 'amazon-bridge',
        code: 'rejected',
        message: `amazon-bridge: listing ${sku} rejected: ${errors.map((e) => e.message).join('; ') || answer.status}`,
        marketplaceCode: errors[0]?.code ?? answer.status,
        marketplaceMessage: errors[0]?.message,
        details: answer,
      });
    }
    return issues.map((i) => `${i.severity} ${i.code}: ${i.message}`);
  }
}

function toProduct(listing: BridgeListing): MarketplaceProduct {
  return {
    id: listing.sku,
    title: listing.title,
    vendor: listing.brand ?? null,
    product_type: listing.product_type ?? null,
    // Amazon has no draft/archived notion for a listing the bridge returns.
    status: null,
    collections: [],
    skus: [listing.sku],
    variants: [],
    images: listing.images.map((image) => ({ id: image.slot, url: image.url, alt: null, position: slotPosition(image.slot), variant_ids: [] })).sort((a, b) => a.position - b.position),
    updated_at: listing.updated_at,
  };
}
