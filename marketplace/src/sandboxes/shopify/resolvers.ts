// Root resolvers of the Shopify sandbox; graphql-js calls the functions on the view objects.
import { createHmac, randomUUID } from 'node:crypto';
import type { ConnectionArgs } from './store.js';
import { connection } from './store.js';
import { mediaView, productView, userError, type ResolverContext } from './views.js';
import { mediaMutations } from './media-mutations.js';

export type { ResolverContext } from './views.js';
export { mediaView, productView, variantView } from './views.js';

type Args = Record<string, unknown>;

export const queryRoot = {
  shop: (_: Args, ctx: ResolverContext) => ({
    id: 'gid://shopify/Shop/1',
    name: ctx.shopName,
    myshopifyDomain: ctx.shopName,
    plan: { displayName: 'Basic', publicDisplayName: 'Basic', partnerDevelopment: false, shopifyPlus: false },
  }),
  product: ({ id }: Args, ctx: ResolverContext) => {
    const product = ctx.store.products.get(String(id));
    return product ? productView(product, ctx) : null;
  },
  node: ({ id }: Args, ctx: ResolverContext) => {
    const key = String(id);
    if (ctx.store.products.has(key)) return productView(ctx.store.products.get(key)!, ctx);
    if (ctx.store.media.has(key)) return mediaView(ctx.store.media.get(key)!, ctx.store);
    return ctx.bulkOps.view(key);
  },
  products: (args: Args & ConnectionArgs, ctx: ResolverContext) =>
    connection(ctx.store.listProducts(args.query as string, args.sortKey as string), args, (p) => p.numericId, ctx.unbounded, (p) => productView(p, ctx)),
  productsCount: ({ query, limit }: Args, ctx: ResolverContext) => {
    const count = ctx.store.listProducts(query as string, null).length;
    const cap = limit === null ? Infinity : Number(limit ?? 10_000);
    return count > cap ? { count: cap, precision: 'AT_LEAST' } : { count, precision: 'EXACT' };
  },
  /** Deprecated from 2026-01: only the newest operation, whatever else runs. */
  currentBulkOperation: (_: Args, ctx: ResolverContext) => ctx.bulkOps.view(ctx.bulkOps.newestId()),
  bulkOperation: ({ id }: Args, ctx: ResolverContext) => ctx.bulkOps.view(String(id)),
  job: ({ id }: Args, ctx: ResolverContext) => {
    const job = ctx.store.jobs.get(String(id));
    return job ? { id: job.id, done: job.done, query: null } : null;
  },
};

function stagedUploadsCreate({ input }: Args, ctx: ResolverContext) {
  const targets = [];
  const errors = [];
  for (const [i, item] of (input as { resource: string; filename: string; mimeType: string }[]).entries()) {
    if (item.resource !== 'IMAGE' || !item.mimeType.startsWith('image/')) {
      errors.push(userError(['input', String(i), 'mimeType'], 'Only image uploads are supported by this sandbox'));
      continue;
    }
    const key = `tmp/1/products/${randomUUID()}/${item.filename}`;
    const policy = Buffer.from(JSON.stringify({ key, expires: Date.now() + 3_600_000, contentType: item.mimeType })).toString('base64');
    targets.push({
      url: `${ctx.baseUrl}/staged-uploads`,
      resourceUrl: `${ctx.baseUrl}/staged-uploads/${key}`,
      parameters: [
        { name: 'Content-Type', value: item.mimeType },
        { name: 'success_action_status', value: '201' },
        { name: 'acl', value: 'private' },
        { name: 'key', value: key },
        { name: 'x-goog-algorithm', value: 'GOOG4-HMAC-SHA256' },
        { name: 'policy', value: policy },
        { name: 'x-goog-signature', value: createHmac('sha256', ctx.uploadSecret).update(policy).digest('hex') },
      ],
    });
  }
  return { stagedTargets: errors.length ? null : targets, userErrors: errors };
}

export const mutationRoot = {
  stagedUploadsCreate,
  ...mediaMutations,
  bulkOperationRunQuery: ({ query, groupObjects }: Args, ctx: ResolverContext) => ctx.bulkOps.start(String(query), ctx, groupObjects as boolean | undefined),
};
