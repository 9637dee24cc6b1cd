import { CATALOG_COMPLIANCE_MARKETPLACES, type ImageCompliance } from '@pixport/shared';
import type { CatalogImageCheckRow } from '../db/entities/catalog-image-check.entity.js';
import type { CatalogItemRow } from '../db/entities/catalog-item.entity.js';
import { COMPLIANCE_BITS } from './catalog-filters.js';

const UNKNOWN: ImageCompliance = { amazon: 'unknown', google: 'unknown', shopify: 'unknown' };

/** An image's verdicts: its check's, while the check was of the image's current URL. */
export function imageVerdicts(check: CatalogImageCheckRow | undefined, url: string): ImageCompliance {
  if (!check || check.url !== url) return UNKNOWN;
  return { amazon: check.amazon, google: check.google, shopify: check.shopify };
}

/** The product's verdicts from the masks the compliance check wrote. */
export function productVerdicts(row: Pick<CatalogItemRow, 'complianceFails' | 'compliancePasses'>): ImageCompliance {
  const verdict = (bit: number) =>
    (row.complianceFails & bit) !== 0 ? 'fail' : (row.compliancePasses & bit) !== 0 ? 'pass' : 'unknown';
  return Object.fromEntries(
    CATALOG_COMPLIANCE_MARKETPLACES.map((name) => [name, verdict(COMPLIANCE_BITS[name])]),
  ) as ImageCompliance;
}
