// The one interface every marketplace connector implements. Data objects use snake_case because
// they flow unchanged into the hub's wire contract; option objects use camelCase.

import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';

export type MarketplaceId = 'shopify' | 'woocommerce' | 'amazon-bridge';

/**
 * Agents a connector opens its connections with, for connectors whose base URL the seller chooses:
 * the hub passes its SSRF guard's agents so every connection (redirects too) is checked.
 */
export interface AgentOptions {
  httpAgent?: HttpAgent;
  httpsAgent?: HttpsAgent;
}

export interface ProductImage {
  id: string;
  url: string;
  alt: string | null;
  /** 1-based; position 1 is the featured / main image. */
  position: number;
  /** The variants that show this image (Shopify variant media, WooCommerce variation images); [] when none. */
  variant_ids: string[];
}

export interface ProductVariant {
  id: string;
  title: string;
  sku: string | null;
}

/** Publication state, normalised: Shopify's ACTIVE/DRAFT/ARCHIVED, WooCommerce's publish/draft+pending/private. */
export type ProductStatus = 'active' | 'draft' | 'archived';

export interface ProductCollection {
  id: string;
  title: string;
}

export interface MarketplaceProduct {
  id: string;
  title: string;
  /** Brand / vendor when the marketplace has one. */
  vendor: string | null;
  product_type: string | null;
  /** null when the marketplace has no such notion (Amazon listings). */
  status: ProductStatus | null;
  /** Shopify collections, WooCommerce categories; [] when none. */
  collections: ProductCollection[];
  skus: string[];
  variants: ProductVariant[];
  images: ProductImage[];
  updated_at: string;
}

export interface ProductPage {
  products: MarketplaceProduct[];
  next_cursor: string | null;
}

export interface ListOptions {
  /** Only products changed after this ISO timestamp (incremental sync). */
  updatedSince?: string;
}

export interface SyncProgress {
  fetched: number;
  /** Best known catalog size, when the marketplace tells it. */
  total: number | null;
  strategy: 'paged' | 'bulk';
}

export interface SyncOptions extends ListOptions {
  onProgress?: (progress: SyncProgress) => void;
  /** Shopify only: force a strategy instead of choosing the faster one. */
  strategy?: 'auto' | 'paged' | 'bulk';
}

export interface ImageUpload {
  data: Buffer;
  filename: string;
  contentType: string;
  /** A public (e.g. time-limited signed) URL of the same bytes; required by the Amazon bridge. */
  publicUrl?: string;
}

export interface PublishOptions {
  /** 1-based target position; default: append. Ignored when replaceImageId is set. */
  position?: number;
  /** Put the new image where this one is and detach the old one. */
  replaceImageId?: string;
  alt?: string;
  variantIds?: string[];
  /** Amazon bridge: the marketplace to publish to (defaults to the credentials' one). */
  marketplaceId?: string;
}

export interface PublishResult {
  image: ProductImage;
  /** The image that was replaced, kept so restoreImage can put it back. */
  replaced: ProductImage | null;
  /** Marketplace-specific notes (e.g. Amazon listing issues that were warnings). */
  warnings: string[];
}

export interface VerifyResult {
  ok: true;
  account: string;
  details: Record<string, unknown>;
}

export interface ConnectorCapabilities {
  restore: boolean;
  variantImages: boolean;
  bulkSync: boolean;
}

export interface MarketplaceConnector {
  readonly id: MarketplaceId;
  readonly capabilities: ConnectorCapabilities;
  verifyCredentials(): Promise<VerifyResult>;
  listProducts(cursor: string | null, options?: ListOptions): Promise<ProductPage>;
  /** The whole catalog, page by page, with the fastest strategy the marketplace allows. */
  syncCatalog(options?: SyncOptions): AsyncIterable<MarketplaceProduct[]>;
  getProduct(productId: string): Promise<MarketplaceProduct>;
  publishImage(productId: string, image: ImageUpload, options?: PublishOptions): Promise<PublishResult>;
  /** Undo a publish: put `result.replaced` back where it was and detach the published image. */
  restoreImage(productId: string, result: PublishResult): Promise<MarketplaceProduct>;
}

/** syncCatalog for connectors that have nothing better than cursor paging. */
export async function* pagedCatalog(
  connector: Pick<MarketplaceConnector, 'listProducts'>,
  options: SyncOptions = {},
): AsyncIterable<MarketplaceProduct[]> {
  let cursor: string | null = null;
  let fetched = 0;
  do {
    const page: ProductPage = await connector.listProducts(cursor, options);
    fetched += page.products.length;
    options.onProgress?.({ fetched, total: null, strategy: 'paged' });
    if (page.products.length > 0) yield page.products;
    cursor = page.next_cursor;
  } while (cursor);
}
