import { z } from 'zod';
import { marketplaceName } from '../processing/marketplaces.js';
import { catalogFilters } from './catalog.js';
import { cursorQuery, isoDate } from './common.js';
import { marketplaceFailureSchema } from './integrations.js';

/** Operations a bulk run can apply: one product image in, one image out. */
export const BULK_OPERATIONS = [
  'process',
  'remove-background',
  'upscale',
  'backgrounds-generate',
  'relight-shadow',
] as const;
export type BulkOperation = (typeof BULK_OPERATIONS)[number];

/** Most images one run may cover (narrow it with `product_ids` or `images: "main"`). */
export const MAX_RUN_IMAGES = 20_000;

const paramValue = z.union([
  z.string().max(200),
  z.number(),
  z.boolean(),
  z.array(z.union([z.string().max(200), z.number()])).max(100),
]);

export const catalogProcessBody = z
  .strictObject({
    integration_id: z.string().min(1).max(64),
    product_ids: z
      .array(z.string().min(1).max(255))
      .min(1)
      .max(1000)
      .optional()
      .meta({ description: 'Products of the synced catalog to process…' }),
    all: z
      .literal(true)
      .optional()
      .meta({ description: '…or every product of the synced catalog matching the filters (`q`, `vendor`, … as the catalog takes them).' }),
    ...catalogFilters.shape,
    preset_id: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .meta({ description: 'One of the organization’s saved presets (id or name): its operation and parameters; explicit `params` win.' }),
    operation: z.enum(BULK_OPERATIONS).optional().meta({ description: 'Required unless `preset_id` gives it.' }),
    params: z
      .record(z.string().max(64), paramValue)
      .optional()
      .meta({
        description:
          'The operation’s parameters, as the sync endpoint takes them (e.g. `{"width": 2000, "background": "#ffffff"}`).',
      }),
    preset: marketplaceName.optional().meta({ description: 'A marketplace preset; explicit `params` win.' }),
    images: z
      .enum(['main', 'all'])
      .default('main')
      .meta({ description: 'Only each product’s main image, or all of them.' }),
    publish: z
      .boolean()
      .default(false)
      .meta({ description: 'Publish each processed image back to its product.' }),
    replace: z
      .boolean()
      .default(true)
      .meta({
        description:
          'With `publish`: the processed image takes the original’s place (the original is detached, not deleted); false appends it.',
      }),
  })
  .refine((body) => (body.product_ids === undefined) !== (body.all === undefined), {
    message: 'give exactly one of product_ids and all',
    path: ['product_ids'],
  })
  .refine((body) => body.operation !== undefined || body.preset_id !== undefined, {
    message: 'give an operation or a preset_id',
    path: ['operation'],
  })
  .refine((body) => body.all !== undefined || FILTER_KEYS.every((key) => body[key] === undefined), {
    message: 'filters select with all: true, not with product_ids',
    path: ['all'],
  })
  .meta({ id: 'CatalogProcessRequest' });
export type CatalogProcessBody = z.infer<typeof catalogProcessBody>;
const FILTER_KEYS = Object.keys(catalogFilters.shape) as Array<keyof typeof catalogFilters.shape>;

export const catalogEstimateSchema = z
  .object({
    products: z.number().int(),
    images: z.number().int(),
    credits_per_image: z.number().int().meta({ description: 'What one image costs this caller (0 for test keys).' }),
    credits: z.number().int().meta({ description: 'At most this: images already processed with these parameters are skipped for free.' }),
    credits_remaining: z.number().int(),
    enough: z.boolean(),
  })
  .meta({ id: 'CatalogEstimate' });
export type CatalogEstimate = z.infer<typeof catalogEstimateSchema>;

export const RUN_STATUSES = ['queued', 'running', 'paused', 'completed', 'failed', 'canceled'] as const;
export const PAUSE_REASONS = ['merchant', 'insufficient_credits'] as const;
export const RUN_ITEM_STATUSES = [
  'pending',
  'processing',
  'publishing',
  'succeeded',
  'skipped',
  'failed',
] as const;

export const catalogRunSchema = z
  .object({
    id: z.string().meta({ example: 'run_5Tg7…' }),
    integration_id: z.string(),
    operation: z.enum(BULK_OPERATIONS),
    params: z.record(z.string(), z.unknown()),
    preset: z.string().nullable(),
    images: z.enum(['main', 'all']),
    publish: z.boolean(),
    replace: z.boolean(),
    status: z.enum(RUN_STATUSES).meta({
      description:
        '`completed` once every image is done (some may have failed: see `counts`); `failed` when the run itself could not go on; `paused` until resumed (by the merchant, or by itself when credits return); `canceled` is final.',
    }),
    paused_reason: z.enum(PAUSE_REASONS).nullable(),
    preset_id: z.string().nullable().meta({ description: 'The saved preset the run applies.' }),
    counts: z
      .object({
        total: z.number().int(),
        pending: z.number().int(),
        processing: z.number().int(),
        publishing: z.number().int(),
        succeeded: z.number().int(),
        skipped: z
          .number()
          .int()
          .meta({
            description:
              'Nothing to do: the image is already a result of these parameters, or was processed with them and is not to be published.',
          }),
        failed: z.number().int(),
        published: z.number().int(),
        reused: z
          .number()
          .int()
          .meta({
            description:
              'Published from an earlier run’s result of the same content and parameters, without processing again.',
          }),
      })
      .meta({ description: 'Images by state.' }),
    error: marketplaceFailureSchema.nullable(),
    created_at: isoDate,
    started_at: isoDate.nullable(),
    finished_at: isoDate.nullable(),
  })
  .meta({ id: 'CatalogRun' });
export type CatalogRun = z.infer<typeof catalogRunSchema>;

export const catalogRunItemSchema = z
  .object({
    id: z.string(),
    product_id: z.string(),
    image_id: z.string(),
    image_url: z.string(),
    alt: z.string().nullable().meta({ description: 'The original image’s alt text (kept when publishing).' }),
    variant_ids: z.array(z.string()).meta({ description: 'The variants the original image shows on.' }),
    position: z.number().int(),
    status: z.enum(RUN_ITEM_STATUSES),
    content_hash: z.string().nullable().meta({ description: 'SHA-256 of the original image bytes.' }),
    task_id: z.string().nullable(),
    result_id: z
      .string()
      .nullable()
      .meta({ description: 'The processed image (for a skipped image: the earlier result).' }),
    publish_id: z.string().nullable(),
    reused: z
      .boolean()
      .meta({ description: 'An earlier result of the same content and parameters was used.' }),
    published: z.boolean(),
    error: marketplaceFailureSchema.nullable(),
    updated_at: isoDate,
  })
  .meta({ id: 'CatalogRunItem' });
export type CatalogRunItem = z.infer<typeof catalogRunItemSchema>;

export const catalogRunItemsQuery = cursorQuery.extend({ status: z.enum(RUN_ITEM_STATUSES).optional() });
