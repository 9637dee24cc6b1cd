// Deterministic fake catalog shared by every sandbox: the same (count, seed) always gives the same products.

export interface SeedVariant {
  title: string;
  sku: string;
  /** 0-based index into the product's images of the image this variant shows, or null. */
  image: number | null;
}

export interface SeedImage {
  filename: string;
  alt: string | null;
}

export interface SeedProduct {
  /** 1-based sequence number; sandboxes derive their own ids from it. */
  n: number;
  title: string;
  sku: string;
  variants: SeedVariant[];
  images: SeedImage[];
  updatedAt: string;
  vendor: string;
  productType: string;
  status: 'active' | 'draft' | 'archived';
  /** Indexes into SEED_COLLECTIONS. */
  collections: number[];
}

export interface SeedOptions {
  count: number;
  seed?: number;
  maxVariants?: number;
  maxImages?: number;
}

const NOUNS = ['Mug', 'Lamp', 'Chair', 'Sneaker', 'Backpack', 'Watch', 'Vase', 'Jacket', 'Kettle', 'Helmet'];
const ADJECTIVES = ['Oak', 'Slate', 'Coral', 'Arctic', 'Amber', 'Mint', 'Onyx', 'Linen', 'Cobalt', 'Sand'];
const SIZES = ['S', 'M', 'L', 'XL'];
/** Product type per noun, so filters by type group like a real catalog. */
const TYPES: Record<string, string> = { Mug: 'Kitchen', Lamp: 'Lighting', Chair: 'Furniture', Sneaker: 'Shoes', Backpack: 'Bags', Watch: 'Accessories', Vase: 'Decor', Jacket: 'Apparel', Kettle: 'Kitchen', Helmet: 'Sports' };
const VENDORS = ['Northwind', 'Acme Goods', 'Globex', 'Atelier Lune'];
/** Collections every sandbox creates (Shopify collections, WooCommerce categories). */
export const SEED_COLLECTIONS = ['Summer sale', 'New arrivals', 'Best sellers', 'Gifts'];

// mulberry32: tiny deterministic PRNG, good enough for fixtures.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedCatalog({ count, seed = 42, maxVariants = 3, maxImages = 4 }: SeedOptions): SeedProduct[] {
  const next = random(seed);
  // A second stream for the fields added later, so titles, variants and images stay what they were.
  const extra = random(seed ^ 0x5bd1e995);
  const base = Date.UTC(2025, 0, 1);
  const products: SeedProduct[] = [];
  for (let n = 1; n <= count; n++) {
    const title = `${ADJECTIVES[Math.floor(next() * ADJECTIVES.length)]} ${NOUNS[Math.floor(next() * NOUNS.length)]} ${n}`;
    const sku = `PXP-${String(n).padStart(6, '0')}`;
    const variantCount = 1 + Math.floor(next() * maxVariants);
    const imageCount = Math.floor(next() * (maxImages + 1));
    const noun = title.split(' ')[1]!;
    const statusDraw = extra();
    // About half the multi-variant products show one image per variant (variant i → image i, where there is one).
    const variantImages = variantCount > 1 && imageCount > 0 && extra() < 0.5;
    const collections = SEED_COLLECTIONS.map((_, i) => i).filter(() => extra() < 0.3);
    products.push({
      n,
      title,
      sku,
      variants: Array.from({ length: variantCount }, (_, i) => ({
        title: variantCount === 1 ? 'Default Title' : SIZES[i % SIZES.length]!,
        sku: variantCount === 1 ? sku : `${sku}-${SIZES[i % SIZES.length]}`,
        image: variantImages && i < imageCount ? i : null,
      })),
      images: Array.from({ length: imageCount }, (_, i) => ({ filename: `${sku.toLowerCase()}-${i + 1}.jpg`, alt: i === 0 ? title : null })),
      updatedAt: new Date(base + n * 60_000).toISOString(),
      vendor: VENDORS[Math.floor(extra() * VENDORS.length)]!,
      productType: TYPES[noun] ?? 'Other',
      status: statusDraw < 0.8 ? 'active' : statusDraw < 0.95 ? 'draft' : 'archived',
      collections,
    });
  }
  return products;
}

/** A valid 1×1 PNG served for every seeded image. */
export const PLACEHOLDER_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
