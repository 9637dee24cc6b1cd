// Shopify GraphQL / bulk JSONL shapes → MarketplaceProduct.
import type { MarketplaceProduct, ProductImage, ProductStatus } from '../connector.js';

export interface ShopifyMediaNode {
  id: string;
  alt: string | null;
  mediaContentType?: string;
  status?: string;
  image?: { url: string } | null;
}

export interface ShopifyVariantNode {
  id: string;
  title: string;
  sku: string | null;
  /** A variant shows at most one media item in today's Shopify; read as a connection. */
  media?: { nodes: { id: string }[] };
}

export interface ShopifyProductNode {
  id: string;
  title: string;
  vendor?: string | null;
  productType?: string | null;
  status?: string | null;
  updatedAt: string;
  collections?: { nodes: { id: string; title: string }[] };
  variants: { nodes: ShopifyVariantNode[] };
  media: { nodes: ShopifyMediaNode[] };
}

// UNLISTED (2025-10+) is active, only hidden from search and collections.
const STATUSES: Record<string, ProductStatus> = { ACTIVE: 'active', UNLISTED: 'active', DRAFT: 'draft', ARCHIVED: 'archived' };

/** Media positions count every media item (videos too), as Shopify's admin does; only images are returned. */
export function toImages(media: ShopifyMediaNode[], variants: ShopifyVariantNode[] = []): ProductImage[] {
  const variantsOf = new Map<string, string[]>();
  for (const variant of variants) {
    for (const { id } of variant.media?.nodes ?? []) variantsOf.set(id, [...(variantsOf.get(id) ?? []), variant.id]);
  }
  const images: ProductImage[] = [];
  media.forEach((node, index) => {
    if (node.image?.url) images.push({ id: node.id, url: node.image.url, alt: node.alt || null, position: index + 1, variant_ids: variantsOf.get(node.id) ?? [] });
  });
  return images;
}

export function toProduct(node: ShopifyProductNode): MarketplaceProduct {
  const variants = node.variants.nodes.map((v) => ({ id: v.id, title: v.title, sku: v.sku || null }));
  return {
    id: node.id,
    title: node.title,
    vendor: node.vendor || null,
    product_type: node.productType || null,
    status: (node.status ? STATUSES[node.status] : undefined) ?? null,
    collections: (node.collections?.nodes ?? []).map((c) => ({ id: c.id, title: c.title })),
    skus: [...new Set(variants.map((v) => v.sku).filter((s): s is string => !!s))],
    variants,
    images: toImages(node.media.nodes, node.variants.nodes),
    updated_at: node.updatedAt,
  };
}

type Row = Record<string, unknown> & { id?: string; __parentId?: string };
const typeOf = (id: unknown) => /^gid:\/\/shopify\/([A-Za-z]+)\//.exec(String(id))?.[1] ?? '';

/**
 * Rebuilds products from a bulk operation's JSONL. Since 2026-01 Shopify no longer groups child
 * lines after their parent (`groupObjects` defaults to false): a variant, media or collection line
 * can come anywhere in the file, before or after its product, and a variant's media line points at
 * the variant. So every line is filed under its `__parentId` and the products are assembled once the
 * file is read, in the order their own lines appeared.
 */
export class BulkJsonlAssembler {
  private readonly products = new Map<string, ShopifyProductNode>();
  private readonly children = new Map<string, Row[]>();

  line(text: string) {
    if (!text.trim()) return;
    const row = JSON.parse(text) as Row;
    if (!row.__parentId) {
      const id = String(row.id);
      this.products.set(id, {
        id,
        title: String(row.title),
        vendor: (row.vendor as string | null) ?? null,
        productType: (row.productType as string | null) ?? null,
        status: (row.status as string | null) ?? null,
        updatedAt: String(row.updatedAt),
        collections: { nodes: [] },
        variants: { nodes: [] },
        media: { nodes: [] },
      });
      return;
    }
    const list = this.children.get(row.__parentId);
    if (list) list.push(row);
    else this.children.set(row.__parentId, [row]);
  }

  /** Every product of the file, with its children; children whose parent never appeared are dropped. */
  *finish(): Iterable<MarketplaceProduct> {
    for (const product of this.products.values()) {
      for (const row of this.children.get(product.id) ?? []) {
        const kind = typeOf(row.id);
        if (kind === 'ProductVariant') {
          const media = (this.children.get(String(row.id)) ?? []).map((m) => ({ id: String(m.id) }));
          product.variants.nodes.push({ id: String(row.id), title: String(row.title), sku: (row.sku as string | null) ?? null, media: { nodes: media } });
        } else if (kind === 'Collection') product.collections!.nodes.push({ id: String(row.id), title: String(row.title) });
        else product.media.nodes.push(row as unknown as ShopifyMediaNode);
      }
      // Children of one parent keep file order, which is Shopify's connection order.
      this.children.delete(product.id);
      yield toProduct(product);
    }
  }
}
