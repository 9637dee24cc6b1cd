// View objects of the Shopify sandbox: what graphql-js resolves fields on (functions take field arguments).
import type { ShopifyStore, SandboxMedia, SandboxProduct, SandboxVariant, ConnectionArgs } from './store.js';
import { connection, numericId } from './store.js';
import type { BulkOperations } from './bulk.js';

/** Fault switches a test flips to meet what breaks in production. */
export interface ShopifyFaults {
  /** The next N GraphQL requests are answered THROTTLED, whatever the bucket holds. */
  throttleNext: number;
  /** The next N GraphQL requests fail: HTTP `serverErrorStatus` (502/503 from the edge), or 200 with INTERNAL_SERVER_ERROR when it is 200. */
  serverErrors: number;
  serverErrorStatus: number;
  /** The next N images created end FAILED after processing (mediaErrors IMAGE_PROCESSING_FAILURE). */
  failNextMedia: number;
}

export interface ResolverContext {
  store: ShopifyStore;
  bulkOps: BulkOperations;
  baseUrl: string;
  shopName: string;
  uploadSecret: string;
  faults: ShopifyFaults;
  /** The API version this request is served with (after fall-forward). */
  servedVersion: string;
  /** How long productReorderMedia's job runs before the new order shows. */
  reorderJobMs: number;
  /** Bulk operations read connections without page limits. */
  unbounded: boolean;
}

export function mediaView(media: SandboxMedia, store: ShopifyStore) {
  const status = store.mediaStatus(media);
  const failed = status === 'FAILED';
  return {
    __typename: 'MediaImage',
    id: media.id,
    alt: media.alt,
    mediaContentType: 'IMAGE',
    status,
    fileStatus: status,
    createdAt: media.createdAt,
    mimeType: media.mimeType,
    mediaErrors: failed ? [{ code: 'IMAGE_PROCESSING_FAILURE', details: null, message: 'Image processing failed.' }] : [],
    fileErrors: failed ? [{ code: 'IMAGE_PROCESSING_FAILURE', details: null, message: 'Image processing failed.' }] : [],
    image: status === 'READY' ? { id: media.id.replace('MediaImage', 'ImageSource'), url: media.url, altText: media.alt, width: 1, height: 1 } : null,
  };
}

export function variantView(product: SandboxProduct, variant: SandboxVariant, context: ResolverContext) {
  return {
    __typename: 'ProductVariant',
    id: variant.id,
    title: variant.title,
    sku: variant.sku,
    displayName: `${product.title} - ${variant.title}`,
    media: (args: ConnectionArgs) =>
      connection(
        variant.mediaIds.map((id) => context.store.media.get(id)!),
        args,
        (m) => variant.mediaIds.indexOf(m.id) + 1,
        context.unbounded,
        (m) => mediaView(m, context.store),
      ),
  };
}

export function productView(product: SandboxProduct, context: ResolverContext) {
  return {
    __typename: 'Product',
    id: product.id,
    title: product.title,
    handle: product.handle,
    vendor: product.vendor,
    productType: product.productType,
    status: product.status,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    collections: (args: ConnectionArgs) =>
      connection(
        product.collectionIds.map((id) => context.store.collections.get(id)!),
        args,
        (c) => numericId(c.id),
        context.unbounded,
        (c) => ({ __typename: 'Collection', ...c }),
      ),
    variants: (args: ConnectionArgs) =>
      connection(product.variants, args, (v) => numericId(v.id), context.unbounded, (v) => variantView(product, v, context)),
    media: (args: ConnectionArgs) =>
      connection(
        product.mediaIds.map((id) => context.store.media.get(id)!),
        args,
        (m) => product.mediaIds.indexOf(m.id) + 1,
        context.unbounded,
        (m) => mediaView(m, context.store),
      ),
  };
}

export const userError = (field: string[], message: string, code?: string) => ({ field, message, code });
