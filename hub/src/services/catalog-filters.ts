import type { SelectQueryBuilder } from 'typeorm';
import type { CatalogComplianceMarketplace, CatalogFilters } from '@pixport/shared';
import type { CatalogItemRow } from '../db/entities/catalog-item.entity.js';

/** Bits of catalog_items.compliance_fails / compliance_passes. */
export const COMPLIANCE_BITS: Record<CatalogComplianceMarketplace, number> = { amazon: 1, google: 2, shopify: 4 };
const ANY = COMPLIANCE_BITS.amazon | COMPLIANCE_BITS.google | COMPLIANCE_BITS.shopify;

/** `q` with LIKE's wildcards taken literally (escape character `!`). */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/**
 * Adds the catalog filters to a query over catalog_items (alias `c`); the list, its total, a run's
 * selection and an estimate all use this, so they always agree on which products match.
 */
export function applyCatalogFilters(
  builder: SelectQueryBuilder<CatalogItemRow>,
  filters: CatalogFilters,
): SelectQueryBuilder<CatalogItemRow> {
  const c = builder.alias;
  if (filters.q)
    builder.andWhere(
      `(LOWER(${c}.title) LIKE :pattern ESCAPE '!' OR LOWER(${c}.skus) LIKE :pattern ESCAPE '!' OR LOWER(${c}.product_id) LIKE :pattern ESCAPE '!')`,
      { pattern: likePattern(filters.q) },
    );
  if (filters.vendor) builder.andWhere(`${c}.vendor = :vendor`, { vendor: filters.vendor });
  if (filters.product_type) builder.andWhere(`${c}.product_type = :productType`, { productType: filters.product_type });
  if (filters.status) builder.andWhere(`${c}.status = :status`, { status: filters.status });
  if (filters.collection) {
    // SQLite: uncorrelated (item ids are unique across integrations), the members come once from the
    // (collection_id, item_id) index. MariaDB: EXISTS probing the primary key (its semi-join of the
    // IN form returned wrong rows in a keyset page with ORDER BY … LIMIT in our tests).
    const sqlite = builder.connection.options.type === 'better-sqlite3';
    builder.andWhere(
      sqlite
        ? `${c}.id IN (SELECT cc.item_id FROM catalog_item_collections cc WHERE cc.collection_id = :collection)`
        : `EXISTS (SELECT 1 FROM catalog_item_collections cc WHERE cc.item_id = ${c}.id AND cc.collection_id = :collection)`,
      { collection: filters.collection },
    );
  }
  if (filters.fails) {
    const mask = filters.fails === 'any' ? ANY : COMPLIANCE_BITS[filters.fails];
    builder.andWhere(`(${c}.compliance_fails & :failMask) <> 0`, { failMask: mask });
  }
  return builder;
}

/** The filters present in `query` (drops paging and other fields). */
export function filtersOf(query: CatalogFilters): CatalogFilters {
  const { q, vendor, product_type, status, collection, fails } = query;
  return Object.fromEntries(
    Object.entries({ q, vendor, product_type, status, collection, fails }).filter(([, value]) => value !== undefined),
  ) as CatalogFilters;
}
