import type { DataSource } from 'typeorm';
import type { MarketplaceProduct } from '@pixport/marketplace';
import { CatalogItemRow } from '../db/entities/catalog-item.entity.js';
import { sha256Hex } from '../lib/ids.js';

const WRITE_BATCH = 200;
/** Bounds of what one row keeps (the preview; the marketplace stays the source of truth). */
const LIMITS = { skus: 100, variants: 100, images: 50 };

/** Row id derived from the integration and the product, so an upsert keeps it. */
export const catalogItemId = (integrationId: string, productId: string) =>
  `cat_${sha256Hex(`${integrationId}\n${productId}`).slice(0, 28)}`;

/**
 * Upserts products into an integration's catalog by (integration, product id): syncs and publishes
 * write the same rows. Products whose id does not fit the column are skipped.
 */
export async function upsertCatalogItems(
  db: DataSource,
  integration: { organizationId: string; integrationId: string },
  products: MarketplaceProduct[],
  syncedAt: Date,
): Promise<void> {
  const rows = products
    .filter((product) => product.id.length <= 255)
    .map((product) => toRow(integration, product, syncedAt));
  const items = db.getRepository(CatalogItemRow);
  for (let i = 0; i < rows.length; i += WRITE_BATCH) {
    await items.upsert(rows.slice(i, i + WRITE_BATCH) as never, {
      conflictPaths: ['integrationId', 'productId'],
    });
  }
}

function toRow(
  { organizationId, integrationId }: { organizationId: string; integrationId: string },
  product: MarketplaceProduct,
  syncedAt: Date,
): CatalogItemRow {
  const updated = Date.parse(product.updated_at);
  return {
    id: catalogItemId(integrationId, product.id),
    organizationId,
    integrationId,
    productId: product.id,
    title: product.title.slice(0, 255),
    skus: product.skus.slice(0, LIMITS.skus),
    variants: product.variants.slice(0, LIMITS.variants),
    images: product.images.slice(0, LIMITS.images),
    updatedAt: Number.isFinite(updated) ? new Date(updated) : syncedAt,
    syncedAt,
  };
}
