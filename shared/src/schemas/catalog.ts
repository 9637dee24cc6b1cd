import { z } from 'zod';
import { cursorQuery, isoDate } from './common.js';
import { integrationMarketplaceSchema } from './integrations.js';

/** Marketplaces the hub checks every synced image against (its own compliance check). */
export const CATALOG_COMPLIANCE_MARKETPLACES = ['amazon', 'google', 'shopify'] as const;
export type CatalogComplianceMarketplace = (typeof CATALOG_COMPLIANCE_MARKETPLACES)[number];
export const PRODUCT_STATUSES = ['active', 'draft', 'archived'] as const;

const filterText = (description: string) => z.string().trim().min(1).max(255).optional().meta({ description });

/** The product filters of the catalog, shared by `GET /api/v1/catalog` and a run's or estimate's selection. */
export const catalogFilters = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Case-insensitive match in the title, a SKU or the product id.' }),
  vendor: filterText('Exactly this vendor (brand).'),
  product_type: filterText('Exactly this product type.'),
  status: z.enum(PRODUCT_STATUSES).optional(),
  collection: filterText('Products in this collection (its id; WooCommerce: a category id).'),
  fails: z
    .enum([...CATALOG_COMPLIANCE_MARKETPLACES, 'any'])
    .optional()
    .meta({
      description:
        'Products with an image that fails this marketplace’s rules (`any`: one of them). Amazon’s rules are main-image rules: only the main image counts for it.',
    }),
});
export type CatalogFilters = z.infer<typeof catalogFilters>;

export const catalogQuery = cursorQuery.extend(catalogFilters.shape).extend({
  integration: z.string().max(64).optional().meta({ description: 'Only this integration’s products.' }),
  integration_id: z.string().max(64).optional().meta({ description: 'Same as `integration`.' }),
  search: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Older name of `q`.' }),
});

export const catalogFacetsQuery = z.object({
  integration_id: z.string().max(64).optional().meta({ description: 'One integration’s facets (default: all of the organization’s).' }),
});

export const catalogFacetsSchema = z
  .object({
    vendors: z.array(z.string()),
    product_types: z.array(z.string()),
    collections: z.array(z.object({ id: z.string(), title: z.string() })),
  })
  .meta({ id: 'CatalogFacets', description: 'The distinct values the catalog filters take, sorted.' });
export type CatalogFacets = z.infer<typeof catalogFacetsSchema>;

export const complianceVerdictSchema = z.enum(['pass', 'fail', 'unknown']);
export type ComplianceVerdictValue = z.infer<typeof complianceVerdictSchema>;
export const imageComplianceSchema = z
  .object({ amazon: complianceVerdictSchema, google: complianceVerdictSchema, shopify: complianceVerdictSchema })
  .meta({
    description:
      'The hub’s compliance check of this image (`unknown` until the check after a sync has seen it, or when it could not be downloaded or decoded).',
  });
export type ImageCompliance = z.infer<typeof imageComplianceSchema>;

/** A product image as the marketplace has it (publish events carry this). */
export const catalogImageSchema = z.object({
  id: z.string(),
  url: z.string(),
  alt: z.string().nullable(),
  position: z.number().int().meta({ description: '1-based; 1 is the featured / main image.' }),
});

/** An image of a synced product: with its variants and its compliance verdicts. */
export const catalogProductImageSchema = catalogImageSchema.extend({
  variant_ids: z.array(z.string()).meta({ description: 'The variants showing this image.' }),
  compliance: imageComplianceSchema,
});

export const catalogItemSchema = z
  .object({
    id: z.string().meta({ example: 'cat_…' }),
    integration_id: z.string(),
    marketplace: integrationMarketplaceSchema,
    product_id: z
      .string()
      .meta({
        description: 'The marketplace’s id (Shopify GID, WooCommerce id, Amazon SKU): use it to publish.',
      }),
    title: z.string(),
    vendor: z.string().nullable(),
    product_type: z.string().nullable(),
    status: z.enum(PRODUCT_STATUSES).nullable().meta({ description: 'null where the marketplace has none (Amazon).' }),
    collections: z.array(z.object({ id: z.string(), title: z.string() })),
    skus: z.array(z.string()),
    variants: z.array(z.object({ id: z.string(), title: z.string(), sku: z.string().nullable() })),
    images: z.array(catalogProductImageSchema),
    compliance: imageComplianceSchema.meta({
      description:
        'The product as a whole: `fail` when an image fails (Amazon: the main image), `pass` when every checked image passes, else `unknown`.',
    }),
    updated_at: isoDate.meta({ description: 'When the marketplace last changed the product.' }),
    synced_at: isoDate,
  })
  .meta({ id: 'CatalogItem' });
export type CatalogItem = z.infer<typeof catalogItemSchema>;

export const catalogPageSchema = z
  .object({
    data: z.array(catalogItemSchema),
    next_cursor: z.string().nullable(),
    total: z.number().int().meta({ description: 'Products matching the filters (all pages).' }),
  })
  .meta({ id: 'CatalogPage' });
export type CatalogPage = z.infer<typeof catalogPageSchema>;
