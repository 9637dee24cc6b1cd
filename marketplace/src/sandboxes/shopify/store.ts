// In-memory shop behind the Shopify sandbox: products, variants, media, staged uploads.
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { SEED_COLLECTIONS, type SeedProduct } from '../catalog-seed.js';

export interface SandboxMedia {
  id: string;
  alt: string | null;
  url: string;
  mimeType: string;
  createdAt: string;
  /** UPLOADED until then, PROCESSING until readyAt, then READY (or FAILED when `fails`). */
  uploadedUntil: number;
  readyAt: number;
  fails: boolean;
}

export type MediaStatus = 'UPLOADED' | 'PROCESSING' | 'READY' | 'FAILED';

interface PendingJob {
  id: string;
  doneAt: number;
  apply: () => void;
  done: boolean;
}

export interface SandboxVariant {
  id: string;
  title: string;
  sku: string | null;
  mediaIds: string[];
}

export interface SandboxCollection {
  id: string;
  title: string;
  handle: string;
}

export interface SandboxProduct {
  id: string;
  numericId: number;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  status: 'ACTIVE' | 'DRAFT' | 'ARCHIVED';
  collectionIds: string[];
  createdAt: string;
  updatedAt: string;
  variants: SandboxVariant[];
  mediaIds: string[];
}

export interface Blob {
  data: Buffer;
  contentType: string;
}

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export const gid = (type: string, id: number) => `gid://shopify/${type}/${id}`;
const encodeCursor = (id: number) => Buffer.from(JSON.stringify({ last_id: id })).toString('base64');
function decodeCursor(cursor: string): number {
  try {
    return Number((JSON.parse(Buffer.from(cursor, 'base64').toString()) as { last_id: number }).last_id);
  } catch {
    throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: 'BAD_REQUEST' } });
  }
}
export const numericId = (id: string) => Number(id.split('/').pop());

/** Relay-style page over items ordered by their numeric id, as Shopify pages (first/after, last/before). */
export function connection<T>(items: T[], args: ConnectionArgs, idOf: (item: T) => number, unbounded: boolean, view: (item: T) => unknown) {
  if (!unbounded && args.first == null && args.last == null) {
    throw new GraphQLError('you must provide one of first or last', { extensions: { code: 'BAD_REQUEST' } });
  }
  for (const size of [args.first, args.last]) {
    if (size != null && (size < 0 || size > 250)) {
      throw new GraphQLError('The page size must be between 0 and 250', { extensions: { code: 'BAD_REQUEST' } });
    }
  }
  let window = items;
  if (args.after) {
    const after = decodeCursor(args.after);
    window = window.filter((item) => idOf(item) > after);
  }
  if (args.before) {
    const before = decodeCursor(args.before);
    window = window.filter((item) => idOf(item) < before);
  }
  let page = window;
  if (args.first != null) page = page.slice(0, args.first);
  else if (args.last != null) page = page.slice(Math.max(0, page.length - args.last));
  const edges = page.map((item) => ({ cursor: encodeCursor(idOf(item)), node: view(item) }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: args.first != null && window.length > page.length,
      hasPreviousPage: args.last != null && window.length > page.length,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

export class ShopifyStore {
  readonly products = new Map<string, SandboxProduct>();
  readonly media = new Map<string, SandboxMedia>();
  readonly blobs = new Map<string, Blob>();
  readonly collections = new Map<string, SandboxCollection>();
  readonly jobs = new Map<string, PendingJob>();
  private nextId = 1000;

  constructor(
    private readonly cdnBase: () => string,
    private readonly mediaProcessingMs: number,
  ) {}

  seed(products: SeedProduct[]) {
    const collections = SEED_COLLECTIONS.map((title, i) => {
      const collection = { id: gid('Collection', 500 + i), title, handle: title.toLowerCase().replace(/[^a-z0-9]+/g, '-') };
      this.collections.set(collection.id, collection);
      return collection;
    });
    for (const seed of products) {
      const product = this.addProduct(seed.title, seed.updatedAt);
      Object.assign(product, { vendor: seed.vendor, productType: seed.productType, status: seed.status.toUpperCase(), collectionIds: seed.collections.map((i) => collections[i]!.id) });
      for (const image of seed.images) {
        const media = this.addMedia(`${this.cdnBase()}/cdn/shop/files/${image.filename}`, image.alt, 'image/jpeg', seed.updatedAt, 0);
        product.mediaIds.push(media.id);
      }
      product.variants = seed.variants.map((v, i) => ({
        id: gid('ProductVariant', product.numericId * 100 + i),
        title: v.title,
        sku: v.sku,
        mediaIds: v.image === null ? [] : [product.mediaIds[v.image]!],
      }));
    }
  }

  addProduct(title: string, updatedAt: string): SandboxProduct {
    const n = this.nextId++;
    const product: SandboxProduct = {
      id: gid('Product', n),
      numericId: n,
      title,
      handle: title.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      vendor: 'Pixport Sandbox',
      productType: '',
      status: 'ACTIVE',
      collectionIds: [],
      createdAt: updatedAt,
      updatedAt,
      variants: [],
      mediaIds: [],
    };
    this.products.set(product.id, product);
    return product;
  }

  addMedia(url: string, alt: string | null, mimeType: string, createdAt = new Date().toISOString(), processingMs = this.mediaProcessingMs, fails = false): SandboxMedia {
    const now = Date.now();
    const media: SandboxMedia = { id: gid('MediaImage', this.nextId++), alt, url, mimeType, createdAt, uploadedUntil: now + processingMs / 3, readyAt: now + processingMs, fails };
    this.media.set(media.id, media);
    return media;
  }

  mediaStatus(media: SandboxMedia): MediaStatus {
    const now = Date.now();
    if (now < media.uploadedUntil) return 'UPLOADED';
    if (now < media.readyAt) return 'PROCESSING';
    return media.fails ? 'FAILED' : 'READY';
  }

  /** Deletes a product with its media, as Shopify does (fault switch "product deleted mid-run" too). */
  deleteProduct(id: string): boolean {
    const product = this.products.get(id);
    if (!product) return false;
    this.products.delete(id);
    const stillUsed = new Set([...this.products.values()].flatMap((p) => p.mediaIds));
    for (const mediaId of product.mediaIds) if (!stillUsed.has(mediaId)) this.media.delete(mediaId);
    return true;
  }

  /** Removes a file from Files and from every product and variant that showed it. */
  deleteMedia(id: string) {
    this.media.delete(id);
    for (const product of this.products.values()) {
      product.mediaIds = product.mediaIds.filter((m) => m !== id);
      for (const variant of product.variants) variant.mediaIds = variant.mediaIds.filter((m) => m !== id);
    }
  }

  /** An asynchronous job (productReorderMedia): its effect happens when it is done, not before. */
  addJob(delayMs: number, apply: () => void): PendingJob {
    const job = { id: gid('Job', this.nextId++), doneAt: Date.now() + delayMs, apply, done: false };
    this.jobs.set(job.id, job);
    this.settle();
    return job;
  }

  /** Applies the jobs that are due; every request calls it first, so reads see a job's effect once it is done. */
  settle() {
    const now = Date.now();
    for (const job of this.jobs.values()) {
      if (!job.done && job.doneAt <= now) {
        job.done = true;
        job.apply();
      }
    }
  }

  /** Products ordered by id, optionally filtered with Shopify's `updated_at:>'…'` search syntax. */
  listProducts(query: string | null | undefined, sortKey: string | null | undefined): SandboxProduct[] {
    let list = [...this.products.values()];
    const match = query?.match(/updated_at:\s*(>=|>)\s*'?([^'\s]+)'?/);
    if (match) {
      const since = Date.parse(match[2]!);
      list = list.filter((p) => (match[1] === '>' ? Date.parse(p.updatedAt) > since : Date.parse(p.updatedAt) >= since));
    }
    if (sortKey === 'UPDATED_AT') list.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.numericId - b.numericId);
    else list.sort((a, b) => a.numericId - b.numericId);
    return list;
  }

  touch(product: SandboxProduct) {
    product.updatedAt = new Date().toISOString();
  }

  storeBlob(data: Buffer, contentType: string, filename: string): string {
    const key = `files/${randomUUID()}/${filename}`;
    this.blobs.set(key, { data, contentType });
    return key;
  }
}
