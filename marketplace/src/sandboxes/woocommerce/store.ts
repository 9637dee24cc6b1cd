// In-memory WooCommerce shop: products, variations and media-library attachments, in REST v3 shapes.
import { SEED_COLLECTIONS, type SeedProduct } from '../catalog-seed.js';
import { WooError } from './auth.js';

export interface Attachment {
  id: number;
  filename: string;
  alt: string;
  mimeType: string;
  data: Buffer | null;
  sourceUrl: string;
  created: string;
}

export interface Variation {
  id: number;
  sku: string;
  option: string;
  imageId: number | null;
  modified: string;
}

export interface Product {
  id: number;
  name: string;
  sku: string;
  type: 'simple' | 'variable';
  status: 'publish' | 'draft' | 'pending' | 'private';
  categoryIds: number[];
  brand: string | null;
  imageIds: number[];
  variations: Variation[];
  modified: string;
}

const gmt = (iso: string) => iso.replace(/\.\d+Z$|Z$/, '');

export class WooStore {
  readonly products = new Map<number, Product>();
  readonly attachments = new Map<number, Attachment>();
  readonly categories = new Map<number, { id: number; name: string; slug: string }>();
  private nextId = 10;

  constructor(private readonly origin: () => string) {}

  seed(seeds: SeedProduct[]) {
    // Term ids live in their own table in WordPress; 200+ keeps them apart from post ids here.
    const categoryIds = SEED_COLLECTIONS.map((name, i) => {
      const category = { id: 200 + i, name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-') };
      this.categories.set(category.id, category);
      return category.id;
    });
    const wooStatus = { active: 'publish', draft: 'draft', archived: 'private' } as const;
    for (const seed of seeds) {
      const id = this.nextId++;
      const product: Product = {
        id,
        name: seed.title,
        sku: seed.sku,
        type: seed.variants.length > 1 ? 'variable' : 'simple',
        // Some drafts are "pending review", which the connector also reads as draft.
        status: seed.status === 'draft' && seed.n % 2 ? 'pending' : wooStatus[seed.status],
        categoryIds: seed.collections.map((i) => categoryIds[i]!),
        brand: seed.vendor,
        imageIds: [],
        variations: [],
        modified: seed.updatedAt,
      };
      for (const image of seed.images) product.imageIds.push(this.addAttachment(image.filename, image.alt ?? '', 'image/jpeg', null, seed.updatedAt).id);
      if (product.type === 'variable') {
        product.variations = seed.variants.map((v) => ({ id: this.nextId++, sku: v.sku, option: v.title, imageId: v.image === null ? null : product.imageIds[v.image]!, modified: seed.updatedAt }));
      }
      this.products.set(id, product);
    }
  }

  addAttachment(filename: string, alt: string, mimeType: string, data: Buffer | null, created = new Date().toISOString(), sourceUrl?: string): Attachment {
    const id = this.nextId++;
    const attachment: Attachment = { id, filename, alt, mimeType, data, created, sourceUrl: sourceUrl ?? `${this.origin()}/wp-content/uploads/2025/01/${id}-${filename}` };
    this.attachments.set(id, attachment);
    return attachment;
  }

  product(id: number): Product {
    const product = this.products.get(id);
    if (!product) throw new WooError(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
    return product;
  }

  imageJson(id: number) {
    const a = this.attachments.get(id)!;
    return { id, date_created: gmt(a.created), date_created_gmt: gmt(a.created), date_modified: gmt(a.created), date_modified_gmt: gmt(a.created), src: a.sourceUrl, name: a.filename, alt: a.alt };
  }

  productJson(product: Product) {
    return {
      id: product.id,
      name: product.name,
      slug: product.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      permalink: `${this.origin()}/product/${product.id}/`,
      type: product.type,
      status: product.status,
      categories: product.categoryIds.map((cid) => this.categories.get(cid)).filter((c) => !!c),
      brands: product.brand ? [{ id: 300 + [...product.brand].reduce((n, ch) => n + ch.charCodeAt(0), 0), name: product.brand, slug: product.brand.toLowerCase().replace(/[^a-z0-9]+/g, '-') }] : [],
      sku: product.sku,
      date_modified: gmt(product.modified),
      date_modified_gmt: gmt(product.modified),
      images: product.imageIds.map((id) => this.imageJson(id)),
      variations: product.variations.map((v) => v.id),
    };
  }

  variationJson(variation: Variation) {
    return {
      id: variation.id,
      sku: variation.sku,
      date_modified_gmt: gmt(variation.modified),
      attributes: [{ id: 0, name: 'Size', option: variation.option }],
      image: variation.imageId ? this.imageJson(variation.imageId) : null,
    };
  }

  /** `images` of a product update: [{id}] keeps or reorders attachments, [{src}] sideloads, [] clears. */
  setImages(product: Product, images: { id?: number; src?: string; alt?: string; name?: string }[]) {
    const ids: number[] = [];
    for (const image of images) {
      let attachment: Attachment | undefined;
      if (image.id) {
        attachment = this.attachments.get(Number(image.id));
        if (!attachment) throw new WooError(400, 'woocommerce_product_invalid_image_id', `#${image.id} is an invalid image ID.`);
      } else if (image.src) {
        if (!/^https?:\/\//.test(image.src)) throw new WooError(400, 'woocommerce_product_image_upload_error', `Error getting remote image ${image.src}.`);
        attachment = this.addAttachment(image.name ?? image.src.split('/').pop() ?? 'image', '', 'image/jpeg', null, undefined, image.src);
      } else continue;
      // WooCommerce writes the attachment's alt only when the given alt is not empty.
      if (image.alt) attachment.alt = image.alt;
      ids.push(attachment.id);
    }
    product.imageIds = ids;
  }

  touch(product: Product) {
    product.modified = new Date().toISOString();
  }
}
