import { z } from 'zod';
import { cursorQuery, isoDate } from './common.js';
import { integrationMarketplaceSchema } from './integrations.js';

export const catalogQuery = cursorQuery.extend({
  integration: z.string().max(64).optional().meta({ description: 'Only this integration’s products.' }),
  search: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Case-insensitive match in the title, a SKU or the product id.' }),
});

export const catalogImageSchema = z.object({
  id: z.string(),
  url: z.string(),
  alt: z.string().nullable(),
  position: z.number().int().meta({ description: '1-based; 1 is the featured / main image.' }),
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
    skus: z.array(z.string()),
    variants: z.array(z.object({ id: z.string(), title: z.string(), sku: z.string().nullable() })),
    images: z.array(catalogImageSchema),
    updated_at: isoDate.meta({ description: 'When the marketplace last changed the product.' }),
    synced_at: isoDate,
  })
  .meta({ id: 'CatalogItem' });
export type CatalogItem = z.infer<typeof catalogItemSchema>;
