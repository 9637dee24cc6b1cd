// Validation of what the pages send (the shapes of api/contract.ts).
import { z } from 'zod';

const id = z.string().trim().min(1).max(255);
const presetId = z.string().trim().min(1).max(64);

export const productFilters = z.strictObject({
  query: z.string().trim().min(1).max(200).optional(),
  vendor: z.string().trim().min(1).max(255).optional(),
  product_type: z.string().trim().min(1).max(255).optional(),
  status: z.enum(['active', 'draft', 'archived']).optional(),
  collection: z.string().trim().min(1).max(255).optional(),
  fails: z.enum(['amazon', 'google', 'shopify', 'any']).optional(),
});

export const productsQuery = productFilters.extend({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const selection = z.union([z.strictObject({ product_ids: z.array(id).min(1).max(1000) }), z.strictObject({ all: z.literal(true), filters: productFilters.default({}) })]);

export const estimateBody = z.strictObject({ preset_id: presetId, selection, images: z.enum(['main', 'all']).default('main') });
export const createJobBody = estimateBody.extend({ auto_publish: z.boolean().default(false) });
export const previewBody = z.strictObject({ preset_id: presetId, product_ids: z.array(id).min(1).max(3) });

export const pageQuery = z.object({ cursor: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) });

export const itemsQuery = z.object({
  status: z.enum(['pending', 'processing', 'succeeded', 'skipped', 'failed']).optional(),
  review: z.enum(['pending', 'approved', 'rejected']).optional(),
  publish: z.enum(['none', 'publishing', 'published', 'failed', 'restoring', 'restored']).optional(),
  product_id: id.optional(),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const itemIds = z.array(z.string().min(1).max(64)).min(1).max(1000);

export const reviewBody = z
  .strictObject({ decision: z.enum(['approved', 'rejected']), item_ids: itemIds.optional(), all: z.literal(true).optional() })
  .refine((body) => (body.item_ids === undefined) !== (body.all === undefined), { message: 'give exactly one of item_ids and all', path: ['item_ids'] });

export const publishBody = z
  .strictObject({ item_ids: itemIds.optional(), all: z.literal(true).optional() })
  .refine((body) => (body.item_ids === undefined) !== (body.all === undefined), { message: 'give exactly one of item_ids and all', path: ['item_ids'] });

export const restoreBody = z.union([z.strictObject({ item_ids: itemIds }), z.strictObject({ product_id: id }), z.strictObject({ job_id: z.string().min(1).max(64) })]);

export const automationBody = z.strictObject({ enabled: z.boolean(), preset_id: presetId.nullable(), mode: z.enum(['review', 'publish']) }).refine((body) => !body.enabled || body.preset_id !== null, {
  message: 'choose a preset to turn automation on',
  path: ['preset_id'],
});

export const usageQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });
