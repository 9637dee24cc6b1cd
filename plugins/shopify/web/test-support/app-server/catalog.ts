import type {
  ComplianceMarketplace,
  ComplianceVerdict,
  ProductFilters,
  ProductRow,
} from '../../../server/src/api/contract.js';

export interface StoreImage {
  id: string;
  position: number;
  alt: string | null;
  /** Which image is live in the store: the original, or the id of the job item published over it. */
  live: 'original' | string;
}

export interface StoreProduct {
  id: string;
  title: string;
  vendor: string | null;
  product_type: string | null;
  status: 'active' | 'draft' | 'archived';
  collections: Array<{ id: string; title: string }>;
  images: StoreImage[];
  compliance: Record<ComplianceMarketplace, ComplianceVerdict>;
  /** Deleted in the store (after the catalog synced it): processing it fails with not_found. */
  deleted: boolean;
}

const vendors = ['Northwind', 'Alpine Goods', 'Bright & Co'];
const types = ['Bottle', 'Bag', 'Lamp', 'Mug'];
const collections = [
  { id: 'gid://shopify/Collection/1', title: 'Summer' },
  { id: 'gid://shopify/Collection/2', title: 'Kitchen' },
  { id: 'gid://shopify/Collection/3', title: 'Outdoor' },
];
const adjectives = ['Classic', 'Everyday', 'Trail', 'Studio', 'Compact', 'Heritage', 'Urban', 'Coastal'];

/** A sandbox store of `count` products with varied vendors, types, statuses, collections and 1–3 images each. */
export function sandboxCatalog(count: number): StoreProduct[] {
  return Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    const type = types[index % types.length]!;
    const imageCount = 1 + (index % 3);
    const verdict = (k: number): ComplianceVerdict =>
      index % k === 0 ? 'fail' : index % (k + 3) === 1 ? 'unknown' : 'pass';
    return {
      id: `gid://shopify/Product/${1000 + n}`,
      title: `${adjectives[index % adjectives.length]} ${type} ${n}`,
      vendor: index % 7 === 6 ? null : vendors[index % vendors.length]!,
      product_type: type,
      status: index % 10 === 9 ? 'draft' : index % 17 === 16 ? 'archived' : 'active',
      collections: [collections[index % collections.length]!],
      images: Array.from({ length: imageCount }, (_, i) => ({
        id: `gid://shopify/MediaImage/${5000 + n * 10 + i}`,
        position: i + 1,
        alt: i === 0 ? `${type} ${n}, front` : null,
        live: 'original' as const,
      })),
      compliance: { amazon: verdict(2), google: verdict(3), shopify: verdict(5) },
      deleted: false,
    };
  });
}

export function matches(product: StoreProduct, filters: ProductFilters): boolean {
  if (filters.query && !product.title.toLowerCase().includes(filters.query.toLowerCase())) return false;
  if (filters.vendor && product.vendor !== filters.vendor) return false;
  if (filters.product_type && product.product_type !== filters.product_type) return false;
  if (filters.status && product.status !== filters.status) return false;
  if (filters.collection && !product.collections.some((c) => c.id === filters.collection)) return false;
  if (filters.fails === 'any' && !Object.values(product.compliance).includes('fail')) return false;
  if (filters.fails && filters.fails !== 'any' && product.compliance[filters.fails] !== 'fail') return false;
  return true;
}

export function row(
  product: StoreProduct,
  imageUrl: (imageId: string, kind: 'before') => string,
): ProductRow {
  return {
    id: product.id,
    title: product.title,
    vendor: product.vendor,
    product_type: product.product_type,
    status: product.status,
    image_count: product.images.length,
    thumbnail_url: product.images[0] ? imageUrl(product.images[0].id, 'before') : null,
    compliance: product.compliance,
  };
}

export function facetsOf(products: StoreProduct[]) {
  const sorted = (values: Array<string | null>) =>
    [...new Set(values.filter((v): v is string => Boolean(v)))].sort();
  const seen = new Map<string, { id: string; title: string }>();
  for (const product of products) for (const c of product.collections) seen.set(c.id, c);
  return {
    vendors: sorted(products.map((p) => p.vendor)),
    product_types: sorted(products.map((p) => p.product_type)),
    collections: [...seen.values()].sort((a, b) => a.title.localeCompare(b.title)),
  };
}
