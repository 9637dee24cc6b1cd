import { z } from 'zod';
import { cursorQuery, isoDate } from './common.js';
import { integrationMarketplaceSchema, marketplaceFailureSchema } from './integrations.js';
import { catalogImageSchema } from './catalog.js';

/** `restoring` / `restored`: a succeeded publish being undone / undone (`POST /api/v1/publish/events/:id/restore`). */
export const PUBLISH_STATUSES = ['queued', 'publishing', 'succeeded', 'failed', 'restoring', 'restored'] as const;

export const publishBody = z
  .strictObject({
    integration_id: z.string().min(1).max(64),
    product_id: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .meta({
        description: 'The marketplace’s product id, as the catalog lists it (an Amazon SKU for the bridge).',
      }),
    task_id: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .meta({ description: 'Publish the output of this succeeded async task…' }),
    result_id: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .meta({ description: '…or this result (a sync operation’s `id`).' }),
    position: z
      .number()
      .int()
      .min(1)
      .max(250)
      .optional()
      .meta({
        description: '1-based position among the product’s images (1 = main); default: after the others.',
      }),
    replace_image_id: z
      .string()
      .min(1)
      .max(255)
      .optional()
      .meta({
        description:
          'Put the new image in this image’s place and detach the old one (the marketplace keeps the file).',
      }),
    alt: z.string().max(512).optional(),
    variant_ids: z
      .array(z.string().min(1).max(255))
      .max(100)
      .optional()
      .meta({ description: 'Also make it these variants’ image (Shopify, WooCommerce).' }),
  })
  .refine((body) => (body.task_id === undefined) !== (body.result_id === undefined), {
    message: 'give exactly one of task_id and result_id',
    path: ['task_id'],
  })
  .refine((body) => body.position === undefined || body.replace_image_id === undefined, {
    message: 'position and replace_image_id exclude each other',
    path: ['position'],
  })
  .meta({ id: 'PublishRequest' });
export type PublishBody = z.infer<typeof publishBody>;

export const publishEventSchema = z
  .object({
    id: z.string().meta({ example: 'pub_2Wq4…' }),
    integration_id: z.string(),
    marketplace: integrationMarketplaceSchema,
    product_id: z.string(),
    product_title: z
      .string()
      .nullable()
      .meta({ description: 'From the synced catalog, when the product is in it.' }),
    result_id: z.string(),
    task_id: z.string().nullable(),
    status: z.enum(PUBLISH_STATUSES),
    position: z.number().int().nullable(),
    replace_image_id: z.string().nullable(),
    alt: z.string().nullable(),
    variant_ids: z.array(z.string()),
    image: catalogImageSchema
      .nullable()
      .meta({ description: 'The published image as the marketplace lists it.' }),
    replaced: catalogImageSchema
      .nullable()
      .meta({ description: 'The image it replaced (detached, not deleted).' }),
    warnings: z
      .array(z.string())
      .meta({ description: 'What the marketplace accepted with a warning (Amazon listing issues).' }),
    error: marketplaceFailureSchema.nullable(),
    created_at: isoDate,
    started_at: isoDate.nullable(),
    finished_at: isoDate.nullable(),
    restored_at: isoDate.nullable().meta({ description: 'When the replaced original was put back (status `restored`).' }),
  })
  .meta({ id: 'PublishEvent' });
export type PublishEvent = z.infer<typeof publishEventSchema>;

export const publishEventsQuery = cursorQuery.extend({
  integration: z.string().max(64).optional(),
  product_id: z.string().max(255).optional(),
  status: z.enum(PUBLISH_STATUSES).optional(),
});

/** A result handed out at a signed public URL (the Amazon bridge gives it to Amazon). */
export const signedLinkParams = z.object({
  organization_id: z.string().min(1).max(64),
  file: z.string().min(1).max(100).meta({ example: 'res_3J9x….png' }),
});
export const signedLinkQuery = z.object({
  expires: z.string().max(16).optional().meta({ description: 'Unix seconds.' }),
  signature: z
    .string()
    .max(128)
    .optional()
    .meta({ description: 'Hex HMAC-SHA256 of the method, path and expiry.' }),
});
