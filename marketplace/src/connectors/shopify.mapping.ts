// Shopify GraphQL / bulk JSONL shapes → MarketplaceProduct.
import type { MarketplaceProduct, ProductImage } from '../connector.js';

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
}

export interface ShopifyProductNode {
  id: string;
  title: string;
  updatedAt: string;
  variants: { nodes: ShopifyVariantNode[] };
  media: { nodes: ShopifyMediaNode[] };
}

/** Media positions count every media item (videos too), as Shopify's admin does; only images are returned. */
export function toImages(media: ShopifyMediaNode[]): ProductImage[] {
  const images: ProductImage[] = [];
  media.forEach((node, index) => {
    if (node.image?.url) images.push({ id: node.id, url: node.image.url, alt: node.alt ?? null, position: index + 1 });
  });
  return images;
}

export function toProduct(node: ShopifyProductNode): MarketplaceProduct {
  const variants = node.variants.nodes.map((v) => ({ id: v.id, title: v.title, sku: v.sku || null }));
  return {
    id: node.id,
    title: node.title,
    skus: [...new Set(variants.map((v) => v.sku).filter((s): s is string => !!s))],
    variants,
    images: toImages(node.media.nodes),
    updated_at: node.updatedAt,
  };
}

/**
 * Rebuilds products from a bulk operation's JSONL: product lines come first, their variant and
 * media lines follow with `__parentId`. Calls `emit` once per finished product, in file order.
 */
export class BulkJsonlAssembler {
  private current: ShopifyProductNode | null = null;

  constructor(private readonly emit: (product: MarketplaceProduct) => void) {}

  line(text: string) {
    if (!text.trim()) return;
    const row = JSON.parse(text) as Record<string, unknown> & { id?: string; __parentId?: string };
    if (!row.__parentId) {
      this.flush();
      this.current = { id: String(row.id), title: String(row.title), updatedAt: String(row.updatedAt), variants: { nodes: [] }, media: { nodes: [] } };
      return;
    }
    if (!this.current || row.__parentId !== this.current.id) return;
    if (String(row.id).includes('/ProductVariant/')) this.current.variants.nodes.push(row as unknown as ShopifyVariantNode);
    else this.current.media.nodes.push(row as unknown as ShopifyMediaNode);
  }

  flush() {
    if (this.current) this.emit(toProduct(this.current));
    this.current = null;
  }
}
