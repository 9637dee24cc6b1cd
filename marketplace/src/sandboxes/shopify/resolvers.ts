// Root resolvers of the Shopify sandbox; graphql-js calls the functions on these view objects.
import { createHmac, randomUUID } from 'node:crypto';
import type { ShopifyStore, SandboxMedia, SandboxProduct, SandboxVariant, ConnectionArgs } from './store.js';
import { connection, numericId } from './store.js';
import type { BulkOperations } from './bulk.js';

export interface ResolverContext {
  store: ShopifyStore;
  bulkOps: BulkOperations;
  baseUrl: string;
  shopName: string;
  uploadSecret: string;
  /** Bulk operations read connections without page limits. */
  unbounded: boolean;
}

type Args = Record<string, unknown>;

export function mediaView(media: SandboxMedia) {
  const ready = Date.now() >= media.readyAt;
  return {
    __typename: 'MediaImage',
    id: media.id,
    alt: media.alt,
    mediaContentType: 'IMAGE',
    status: ready ? 'READY' : 'PROCESSING',
    fileStatus: ready ? 'READY' : 'PROCESSING',
    createdAt: media.createdAt,
    mimeType: media.mimeType,
    image: ready ? { id: media.id.replace('MediaImage', 'ImageSource'), url: media.url, altText: media.alt, width: 1, height: 1 } : null,
  };
}

export function productView(product: SandboxProduct, context: ResolverContext) {
  return {
    __typename: 'Product',
    id: product.id,
    title: product.title,
    handle: product.handle,
    vendor: product.vendor,
    productType: product.productType,
    status: product.status,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    collections: (args: ConnectionArgs) =>
      connection(
        product.collectionIds.map((id) => context.store.collections.get(id)!),
        args,
        (c) => numericId(c.id),
        context.unbounded,
        (c) => ({ __typename: 'Collection', ...c }),
      ),
    variants: (args: ConnectionArgs) =>
      connection(product.variants, args, (v) => numericId(v.id), context.unbounded, (v) => variantView(product, v, context)),
    media: (args: ConnectionArgs) =>
      connection(
        product.mediaIds.map((id) => context.store.media.get(id)!),
        args,
        (m) => product.mediaIds.indexOf(m.id) + 1,
        context.unbounded,
        mediaView,
      ),
  };
}

export function variantView(product: SandboxProduct, variant: SandboxVariant, context: ResolverContext) {
  return {
    __typename: 'ProductVariant',
    id: variant.id,
    title: variant.title,
    sku: variant.sku,
    displayName: `${product.title} - ${variant.title}`,
    media: (args: ConnectionArgs) =>
      connection(
        variant.mediaIds.map((id) => context.store.media.get(id)!),
        args,
        (m) => variant.mediaIds.indexOf(m.id) + 1,
        context.unbounded,
        mediaView,
      ),
  };
}

const userError = (field: string[], message: string, code?: string) => ({ field, message, code });

export const queryRoot = {
  shop: (_: Args, ctx: ResolverContext) => ({
    id: 'gid://shopify/Shop/1',
    name: ctx.shopName,
    myshopifyDomain: ctx.shopName,
    plan: { displayName: 'Basic', partnerDevelopment: false, shopifyPlus: false },
  }),
  product: ({ id }: Args, ctx: ResolverContext) => {
    const product = ctx.store.products.get(String(id));
    return product ? productView(product, ctx) : null;
  },
  node: ({ id }: Args, ctx: ResolverContext) => {
    const key = String(id);
    if (ctx.store.products.has(key)) return productView(ctx.store.products.get(key)!, ctx);
    if (ctx.store.media.has(key)) return mediaView(ctx.store.media.get(key)!);
    return ctx.bulkOps.view(key);
  },
  products: (args: Args & ConnectionArgs, ctx: ResolverContext) =>
    connection(ctx.store.listProducts(args.query as string, args.sortKey as string), args, (p) => p.numericId, ctx.unbounded, (p) => productView(p, ctx)),
  productsCount: ({ query, limit }: Args, ctx: ResolverContext) => {
    const count = ctx.store.listProducts(query as string, null).length;
    const cap = limit === null ? Infinity : Number(limit ?? 10_000);
    return count > cap ? { count: cap, precision: 'AT_LEAST' } : { count, precision: 'EXACT' };
  },
  currentBulkOperation: (_: Args, ctx: ResolverContext) => ctx.bulkOps.view(ctx.bulkOps.currentId()),
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

function productUpdate({ product: input, media }: Args, ctx: ResolverContext) {
  const { id, title } = (input ?? {}) as { id?: string; title?: string };
  const product = id ? ctx.store.products.get(id) : undefined;
  if (!product) return { product: null, userErrors: [userError(['id'], 'Product does not exist')] };
  const inputs = (media ?? []) as { originalSource: string; alt?: string; mediaContentType: string }[];
  const sources: { url: string; mimeType: string }[] = [];
  for (const [i, item] of inputs.entries()) {
    const staged = item.originalSource.startsWith(`${ctx.baseUrl}/staged-uploads/`)
      ? ctx.store.blobs.get(item.originalSource.slice(`${ctx.baseUrl}/staged-uploads/`.length))
      : undefined;
    if (item.mediaContentType !== 'IMAGE') return { product: null, userErrors: [userError(['media', String(i), 'mediaContentType'], 'Only IMAGE media is supported by this sandbox')] };
    if (item.originalSource.includes('/staged-uploads/') && !staged) {
      return { product: null, userErrors: [userError(['media', String(i), 'originalSource'], 'Staged upload not found: upload the file before referencing it')] };
    }
    if (!/^https?:\/\//.test(item.originalSource)) return { product: null, userErrors: [userError(['media', String(i), 'originalSource'], 'Invalid URL')] };
    sources.push({ url: item.originalSource, mimeType: staged?.contentType ?? 'image/jpeg' });
  }
  if (title) product.title = title;
  for (const [i, source] of sources.entries()) {
    const stagedKey = source.url.split('/staged-uploads/')[1];
    // Shopify copies the staged file to its CDN; the sandbox serves it under /cdn.
    const cdnUrl = stagedKey ? `${ctx.baseUrl}/cdn/shop/${ctx.store.storeBlob(ctx.store.blobs.get(stagedKey)!.data, source.mimeType, stagedKey.split('/').pop()!)}` : source.url;
    product.mediaIds.push(ctx.store.addMedia(cdnUrl, inputs[i]!.alt ?? null, source.mimeType).id);
  }
  ctx.store.touch(product);
  return { product: productView(product, ctx), userErrors: [] };
}

function fileUpdate({ files }: Args, ctx: ResolverContext) {
  const updated = [];
  const errors = [];
  for (const [i, file] of (files as { id: string; alt?: string; referencesToAdd?: string[]; referencesToRemove?: string[] }[]).entries()) {
    const media = ctx.store.media.get(file.id);
    if (!media) {
      errors.push(userError(['files', String(i), 'id'], 'File id does not exist.', 'FILE_DOES_NOT_EXIST'));
      continue;
    }
    const missing = [...(file.referencesToAdd ?? []), ...(file.referencesToRemove ?? [])].find((pid) => !ctx.store.products.has(pid));
    if (missing) {
      errors.push(userError(['files', String(i), 'referencesToAdd'], `Product ${missing} does not exist.`, 'INVALID'));
      continue;
    }
    if (file.alt !== undefined) media.alt = file.alt;
    for (const productId of file.referencesToAdd ?? []) {
      const product = ctx.store.products.get(productId)!;
      if (!product.mediaIds.includes(media.id)) product.mediaIds.push(media.id);
      ctx.store.touch(product);
    }
    for (const productId of file.referencesToRemove ?? []) {
      const product = ctx.store.products.get(productId)!;
      product.mediaIds = product.mediaIds.filter((m) => m !== media.id);
      for (const variant of product.variants) variant.mediaIds = variant.mediaIds.filter((m) => m !== media.id);
      ctx.store.touch(product);
    }
    updated.push(mediaView(media));
  }
  return { files: errors.length ? null : updated, userErrors: errors };
}

function productReorderMedia({ id, moves }: Args, ctx: ResolverContext) {
  const product = ctx.store.products.get(String(id));
  if (!product) return { job: null, mediaUserErrors: [userError(['id'], 'Product does not exist', 'PRODUCT_DOES_NOT_EXIST')] };
  for (const move of moves as { id: string; newPosition: string }[]) {
    if (!product.mediaIds.includes(move.id)) return { job: null, mediaUserErrors: [userError(['moves'], `Media id ${move.id} does not exist`, 'MEDIA_DOES_NOT_EXIST')] };
    product.mediaIds = product.mediaIds.filter((m) => m !== move.id);
    product.mediaIds.splice(Math.min(Number(move.newPosition), product.mediaIds.length), 0, move.id);
  }
  ctx.store.touch(product);
  return { job: { id: `gid://shopify/Job/${randomUUID()}`, done: true }, mediaUserErrors: [] };
}

function productVariantAppendMedia({ productId, variantMedia }: Args, ctx: ResolverContext) {
  const product = ctx.store.products.get(String(productId));
  if (!product) return { product: null, productVariants: null, userErrors: [userError(['productId'], 'Product does not exist', 'PRODUCT_DOES_NOT_EXIST')] };
  const touched = [];
  for (const item of variantMedia as { variantId: string; mediaIds: string[] }[]) {
    const variant = product.variants.find((v) => v.id === item.variantId);
    if (!variant) return { product: null, productVariants: null, userErrors: [userError(['variantMedia'], 'Variant does not exist', 'PRODUCT_VARIANT_DOES_NOT_EXIST')] };
    if (item.mediaIds.some((m) => !product.mediaIds.includes(m))) {
      return { product: null, productVariants: null, userErrors: [userError(['variantMedia'], 'Media does not belong to the product', 'MEDIA_DOES_NOT_EXIST_ON_PRODUCT')] };
    }
    variant.mediaIds = [...item.mediaIds];
    touched.push(variantView(product, variant, ctx));
  }
  return { product: productView(product, ctx), productVariants: touched, userErrors: [] };
}

export const mutationRoot = {
  stagedUploadsCreate,
  productUpdate,
  fileUpdate,
  productReorderMedia,
  productVariantAppendMedia,
  bulkOperationRunQuery: ({ query }: Args, ctx: ResolverContext) => ctx.bulkOps.start(String(query), ctx),
};
