import { In, type DataSource, type EntityManager } from 'typeorm';
import type { MarketplaceProduct, ProductImage } from '@pixport/marketplace';
import { CatalogImageCheckRow } from '../db/entities/catalog-image-check.entity.js';
import { CatalogItemCollectionRow } from '../db/entities/catalog-item-collection.entity.js';
import { CatalogItemRow, type CatalogProductStatus } from '../db/entities/catalog-item.entity.js';
import { ImageVerdictRow } from '../db/entities/image-verdict.entity.js';
import { sha256Hex } from '../lib/ids.js';

const WRITE_BATCH = 200;
/** Bounds of what one row keeps (the preview; the marketplace stays the source of truth). */
const LIMITS = { skus: 100, variants: 100, images: 50, collections: 50, variantIds: 100 };
const STATUSES: readonly CatalogProductStatus[] = ['active', 'draft', 'archived'];

/**
 * The product fields the catalog keeps. `vendor` … `collections` and an image's `variant_ids` came with
 * the connector interface of the Shopify app; read defensively so a connector that leaves one out
 * stores null / [] instead of failing the sync.
 */
type SyncedProduct = MarketplaceProduct &
  Partial<{
    vendor: string | null;
    product_type: string | null;
    status: string | null;
    collections: Array<{ id: string; title: string }>;
  }>;
export type SyncedImage = ProductImage & { variant_ids?: string[] };

/** Row id derived from the integration and the product, so an upsert keeps it. */
export const catalogItemId = (integrationId: string, productId: string) =>
  `cat_${sha256Hex(`${integrationId}\n${productId}`).slice(0, 28)}`;

/**
 * Upserts products into an integration's catalog by (integration, product id): syncs and publishes
 * write the same rows, and each product's collection rows are replaced. Products whose id does not fit
 * the column are skipped. The compliance masks are left as they are (the compliance check owns them).
 */
export async function upsertCatalogItems(
  db: DataSource,
  integration: { organizationId: string; integrationId: string },
  products: MarketplaceProduct[],
  syncedAt: Date,
): Promise<void> {
  const rows = products
    .filter((product) => product.id.length <= 255)
    .map((product) => toRow(integration, product as SyncedProduct, syncedAt));
  const items = db.getRepository(CatalogItemRow);
  const memberships = db.getRepository(CatalogItemCollectionRow);
  for (let i = 0; i < rows.length; i += WRITE_BATCH) {
    const batch = rows.slice(i, i + WRITE_BATCH);
    // Links computed before the upsert, which may write back into the objects it is given (MySQL).
    const ids = batch.map((row) => row.id);
    const links = batch.flatMap((row) =>
      (row.collections ?? []).map((collection) => ({
        itemId: row.id,
        collectionId: collection.id,
        integrationId: row.integrationId,
        title: collection.title,
      })),
    );
    await items.upsert(batch.map((row) => ({ ...row })) as never, { conflictPaths: ['integrationId', 'productId'] });
    await memberships.delete({ itemId: In(ids) });
    if (links.length > 0) await memberships.insert(links);
  }
}

/** Everything an integration's catalog holds (products, collections, compliance checks). */
export async function deleteCatalog(manager: EntityManager | DataSource, integrationId: string): Promise<void> {
  await manager.getRepository(CatalogItemCollectionRow).delete({ integrationId });
  await manager.getRepository(CatalogImageCheckRow).delete({ integrationId });
  await manager.getRepository(ImageVerdictRow).delete({ integrationId });
  await manager.getRepository(CatalogItemRow).delete({ integrationId });
}

/** Collection and check rows of products a full sync dropped. */
export async function deleteOrphans(db: DataSource, integrationId: string): Promise<void> {
  for (const table of ['catalog_item_collections', 'catalog_image_checks']) {
    await db.query(
      `DELETE FROM ${table} WHERE integration_id = ? AND item_id NOT IN (SELECT id FROM catalog_items WHERE integration_id = ?)`,
      [integrationId, integrationId],
    );
  }
}

const clip = (value: unknown, length: number): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, length) : null;

function toRow(
  { organizationId, integrationId }: { organizationId: string; integrationId: string },
  product: SyncedProduct,
  syncedAt: Date,
): CatalogItemRow {
  const updated = Date.parse(product.updated_at);
  const seen = new Set<string>();
  const collections = (product.collections ?? [])
    .filter((c) => typeof c.id === 'string' && c.id.length > 0 && c.id.length <= 255 && !seen.has(c.id) && seen.add(c.id))
    .slice(0, LIMITS.collections)
    .map((c) => ({ id: c.id, title: (c.title ?? '').slice(0, 255) }));
  const status = STATUSES.includes(product.status as CatalogProductStatus)
    ? (product.status as CatalogProductStatus)
    : null;
  const images = product.images.slice(0, LIMITS.images).map((image: SyncedImage) => ({
    ...image,
    variant_ids: (image.variant_ids ?? []).slice(0, LIMITS.variantIds),
  }));
  const row: Omit<CatalogItemRow, 'complianceFails' | 'compliancePasses'> = {
    id: catalogItemId(integrationId, product.id),
    organizationId,
    integrationId,
    productId: product.id,
    title: product.title.slice(0, 255),
    vendor: clip(product.vendor, 255),
    productType: clip(product.product_type, 255),
    status,
    collections,
    skus: product.skus.slice(0, LIMITS.skus),
    variants: product.variants.slice(0, LIMITS.variants),
    images,
    updatedAt: Number.isFinite(updated) ? new Date(updated) : syncedAt,
    syncedAt,
  };
  return row as CatalogItemRow;
}
