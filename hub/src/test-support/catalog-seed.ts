import type { DataSource } from 'typeorm';
import type { MarketplaceProduct } from '@pixport/marketplace';
import { CatalogItemRow } from '../db/entities/catalog-item.entity.js';
import { catalogItemId, upsertCatalogItems } from '../services/catalog-store.js';

export const SEED_VENDORS = ['Acme', 'Borealis', 'Cobalt & Co', 'Dune', 'Ember', 'Fjord', 'Gale'];
export const SEED_TYPES = ['Shoes', 'Shirts', 'Bags', 'Hats', 'Socks'];
export const SEED_STATUSES = ['active', 'draft', 'archived'] as const;

/** What the seeded product `i` is (the tests compute the expected matches from it). */
export function seedProduct(i: number, base = Date.UTC(2026, 10, 1)) {
  const collections = [
    ...(i % 4 === 0 ? [{ id: 'gid://shopify/Collection/1', title: 'Summer' }] : []),
    ...(i % 6 === 0 ? [{ id: 'gid://shopify/Collection/2', title: 'Sale 50%_off' }] : []),
  ];
  return {
    id: `gid://shopify/Product/${100000 + i}`,
    title: i % 97 === 0 ? `Trail runner 50%_off ${i}` : `Product ${i}`,
    vendor: SEED_VENDORS[i % SEED_VENDORS.length]!,
    product_type: SEED_TYPES[i % SEED_TYPES.length]!,
    status: SEED_STATUSES[i % SEED_STATUSES.length]!,
    collections,
    skus: [`SKU-${i}`],
    variants: [{ id: `gid://shopify/ProductVariant/${i}`, title: 'Default', sku: `SKU-${i}` }],
    images: [
      { id: `gid://shopify/MediaImage/${i}1`, url: `https://cdn.example/p/${i}-1.jpg`, alt: `Product ${i}`, position: 1, variant_ids: [`gid://shopify/ProductVariant/${i}`] },
      { id: `gid://shopify/MediaImage/${i}2`, url: `https://cdn.example/p/${i}-2.jpg`, alt: null, position: 2, variant_ids: [] },
    ],
    // Three products per second: many share an updated_at, so paging must break ties by id.
    updated_at: new Date(base + Math.floor(i / 3) * 1000).toISOString(),
    /** amazon fails on every 10th, google on every 15th (masks written below, as the compliance check would). */
    fails: (i % 10 === 0 ? 1 : 0) | (i % 15 === 0 ? 2 : 0),
  };
}

/** Writes `count` products into an integration's catalog through the sync's own store, plus compliance masks. */
export async function seedCatalog(
  db: DataSource,
  integration: { organizationId: string; integrationId: string },
  count: number,
): Promise<void> {
  const products = Array.from({ length: count }, (_, i) => seedProduct(i));
  await upsertCatalogItems(db, integration, products as unknown as MarketplaceProduct[], new Date());
  const items = db.getRepository(CatalogItemRow);
  for (const mask of [1, 2, 3]) {
    const ids = products
      .filter((product) => product.fails === mask)
      .map((product) => catalogItemId(integration.integrationId, product.id));
    for (let i = 0; i < ids.length; i += 500)
      await items
        .createQueryBuilder()
        .update()
        .set({ complianceFails: mask, compliancePasses: 7 & ~mask })
        .whereInIds(ids.slice(i, i + 500))
        .execute();
  }
}
