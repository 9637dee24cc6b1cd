// Media mutations of the Shopify sandbox, with the failures Shopify has: media that is processed
// asynchronously (UPLOADED → PROCESSING → READY | FAILED), files that cannot be attached before they
// are READY, reorders that happen when their job is done, a variant that already shows media.
import { sleep } from '../../support/retry.js';
import { mediaView, productView, userError, variantView, type ResolverContext } from './views.js';

type Args = Record<string, unknown>;

/** Time between writing new media and reading the product back in productUpdate: long enough for another request to write too, as on Shopify. */
const PRODUCT_UPDATE_LATENCY_MS = 5;

/** The CDN copy of a staged upload (or an external URL), or the reason it cannot be used. */
function mediaSource(originalSource: string, ctx: ResolverContext): { url: string; mimeType: string } | string {
  const prefix = `${ctx.baseUrl}/staged-uploads/`;
  if (originalSource.startsWith(prefix)) {
    const key = originalSource.slice(prefix.length);
    const staged = ctx.store.blobs.get(key);
    if (!staged) return 'Staged upload not found: upload the file before referencing it';
    // Shopify copies the staged file to its CDN; the sandbox serves it under /cdn.
    return { url: `${ctx.baseUrl}/cdn/shop/${ctx.store.storeBlob(staged.data, staged.contentType, key.split('/').pop()!)}`, mimeType: staged.contentType };
  }
  if (originalSource.includes('/staged-uploads/')) return 'Staged upload not found: upload the file before referencing it';
  if (!/^https?:\/\//.test(originalSource)) return 'Invalid URL';
  return { url: originalSource, mimeType: 'image/jpeg' };
}

function nextMediaFails(ctx: ResolverContext): boolean {
  if (ctx.faults.failNextMedia <= 0) return false;
  ctx.faults.failNextMedia--;
  return true;
}

/** Attaches new media at the end of the product, processed asynchronously (it can end FAILED and then stays attached, as on Shopify). */
async function productUpdate({ product: input, media }: Args, ctx: ResolverContext) {
  const { id, title } = (input ?? {}) as { id?: string; title?: string };
  const product = id ? ctx.store.products.get(id) : undefined;
  if (!product) return { product: null, userErrors: [userError(['id'], 'Product does not exist')] };
  const inputs = (media ?? []) as { originalSource: string; alt?: string; mediaContentType: string }[];
  const sources: { url: string; mimeType: string }[] = [];
  for (const [i, item] of inputs.entries()) {
    if (item.mediaContentType !== 'IMAGE') return { product: null, userErrors: [userError(['media', String(i), 'mediaContentType'], 'Only IMAGE media is supported by this sandbox')] };
    const source = mediaSource(item.originalSource, ctx);
    if (typeof source === 'string') return { product: null, userErrors: [userError(['media', String(i), 'originalSource'], source)] };
    sources.push(source);
  }
  if (title) product.title = title;
  for (const [i, source] of sources.entries()) {
    product.mediaIds.push(ctx.store.addMedia(source.url, inputs[i]!.alt ?? null, source.mimeType, undefined, undefined, nextMediaFails(ctx)).id);
  }
  ctx.store.touch(product);
  await sleep(PRODUCT_UPDATE_LATENCY_MS);
  return { product: ctx.store.products.has(product.id) ? productView(product, ctx) : null, userErrors: [] };
}

/** Creates files in Files (not attached to anything); the answer names each new file. */
function fileCreate({ files }: Args, ctx: ResolverContext) {
  const inputs = files as { originalSource: string; alt?: string | null; contentType?: string | null; filename?: string | null }[];
  const sources = [];
  for (const [i, item] of inputs.entries()) {
    if (item.contentType && item.contentType !== 'IMAGE') return { files: null, userErrors: [userError(['files', String(i), 'contentType'], 'Only IMAGE files are supported by this sandbox', 'INVALID')] };
    const source = mediaSource(item.originalSource, ctx);
    if (typeof source === 'string') return { files: null, userErrors: [userError(['files', String(i), 'originalSource'], source, 'INVALID_IMAGE_SOURCE_URL')] };
    sources.push(source);
  }
  const created = sources.map((source, i) => ctx.store.addMedia(source.url, inputs[i]!.alt ?? null, source.mimeType, undefined, undefined, nextMediaFails(ctx)));
  return { files: created.map((m) => mediaView(m, ctx.store)), userErrors: [] };
}

function fileUpdate({ files }: Args, ctx: ResolverContext) {
  const inputs = files as { id: string; alt?: string; referencesToAdd?: string[]; referencesToRemove?: string[] }[];
  // Checked as a whole first: Shopify applies none of a call that has errors.
  for (const [i, file] of inputs.entries()) {
    const media = ctx.store.media.get(file.id);
    if (!media) return { files: null, userErrors: [userError(['files', String(i), 'id'], 'File id does not exist.', 'FILE_DOES_NOT_EXIST')] };
    const missing = [...(file.referencesToAdd ?? []), ...(file.referencesToRemove ?? [])].find((pid) => !ctx.store.products.has(pid));
    if (missing) return { files: null, userErrors: [userError(['files', String(i), 'referencesToAdd'], `Product ${missing} does not exist.`, 'REFERENCE_TARGET_DOES_NOT_EXIST')] };
    const status = ctx.store.mediaStatus(media);
    if (file.referencesToAdd?.length && status !== 'READY') {
      return { files: null, userErrors: [userError(['files', String(i), 'referencesToAdd'], `File ${file.id} is ${status.toLowerCase()}: only ready files can be referenced.`, status === 'FAILED' ? 'INVALID_FAILED_MEDIA_STATE' : 'NON_READY_STATE')] };
    }
  }
  const updated = [];
  for (const file of inputs) {
    const media = ctx.store.media.get(file.id)!;
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
    updated.push(mediaView(media, ctx.store));
  }
  return { files: updated, userErrors: [] };
}

function fileDelete({ fileIds }: Args, ctx: ResolverContext) {
  const ids = fileIds as string[];
  const missing = ids.findIndex((id) => !ctx.store.media.has(id));
  if (missing >= 0) return { deletedFileIds: null, userErrors: [userError(['fileIds', String(missing)], 'File id does not exist.', 'FILE_DOES_NOT_EXIST')] };
  for (const id of ids) ctx.store.deleteMedia(id);
  return { deletedFileIds: ids, userErrors: [] };
}

/** Asynchronous, as on Shopify: the answer is a job; the media moves when the job is done. */
function productReorderMedia({ id, moves }: Args, ctx: ResolverContext) {
  const product = ctx.store.products.get(String(id));
  if (!product) return { job: null, mediaUserErrors: [userError(['id'], 'Product does not exist', 'PRODUCT_DOES_NOT_EXIST')] };
  const list = moves as { id: string; newPosition: string }[];
  const unknown = list.find((move) => !product.mediaIds.includes(move.id));
  if (unknown) return { job: null, mediaUserErrors: [userError(['moves'], `Media id ${unknown.id} does not exist`, 'MEDIA_DOES_NOT_EXIST')] };
  const job = ctx.store.addJob(ctx.reorderJobMs, () => {
    for (const move of list) {
      if (!product.mediaIds.includes(move.id)) continue;
      product.mediaIds = product.mediaIds.filter((m) => m !== move.id);
      product.mediaIds.splice(Math.min(Number(move.newPosition), product.mediaIds.length), 0, move.id);
    }
    ctx.store.touch(product);
  });
  return { job: { id: job.id, done: job.done, query: null }, mediaUserErrors: [] };
}

type VariantMediaInput = { variantId: string; mediaIds: string[] }[];

function productVariantAppendMedia({ productId, variantMedia }: Args, ctx: ResolverContext) {
  const product = ctx.store.products.get(String(productId));
  const fail = (message: string, code: string) => ({ product: null, productVariants: null, userErrors: [userError(['variantMedia'], message, code)] });
  if (!product) return { product: null, productVariants: null, userErrors: [userError(['productId'], 'Product does not exist', 'PRODUCT_DOES_NOT_EXIST')] };
  const items = variantMedia as VariantMediaInput;
  for (const item of items) {
    const variant = product.variants.find((v) => v.id === item.variantId);
    if (!variant) return fail('Variant does not exist on the given product.', 'PRODUCT_VARIANT_DOES_NOT_EXIST_ON_PRODUCT');
    if (items.filter((other) => other.variantId === item.variantId).length > 1) return fail('Variant specified in more than one pair.', 'PRODUCT_VARIANT_SPECIFIED_MULTIPLE_TIMES');
    if (item.mediaIds.length !== 1) return fail('Only one mediaId is allowed per variant-media input pair.', 'TOO_MANY_MEDIA_PER_INPUT_PAIR');
    const mediaId = item.mediaIds[0]!;
    if (!product.mediaIds.includes(mediaId)) return fail('Media does not exist on the given product.', 'MEDIA_DOES_NOT_EXIST_ON_PRODUCT');
    if (ctx.store.mediaStatus(ctx.store.media.get(mediaId)!) !== 'READY') return fail('Non-ready media are not supported.', 'NON_READY_MEDIA');
    if (variant.mediaIds.length > 0 && !variant.mediaIds.includes(mediaId)) return fail('Product variant already has attached media.', 'PRODUCT_VARIANT_ALREADY_HAS_MEDIA');
  }
  const touched = items.map((item) => {
    const variant = product.variants.find((v) => v.id === item.variantId)!;
    variant.mediaIds = [...item.mediaIds];
    return variantView(product, variant, ctx);
  });
  ctx.store.touch(product);
  return { product: productView(product, ctx), productVariants: touched, userErrors: [] };
}

function productVariantDetachMedia({ productId, variantMedia }: Args, ctx: ResolverContext) {
  const product = ctx.store.products.get(String(productId));
  const fail = (message: string, code: string) => ({ product: null, productVariants: null, userErrors: [userError(['variantMedia'], message, code)] });
  if (!product) return { product: null, productVariants: null, userErrors: [userError(['productId'], 'Product does not exist', 'PRODUCT_DOES_NOT_EXIST')] };
  const items = variantMedia as VariantMediaInput;
  for (const item of items) {
    const variant = product.variants.find((v) => v.id === item.variantId);
    if (!variant) return fail('Variant does not exist on the given product.', 'PRODUCT_VARIANT_DOES_NOT_EXIST_ON_PRODUCT');
    if (item.mediaIds.some((m) => !variant.mediaIds.includes(m))) return fail('The specified media is not attached to the specified variant.', 'MEDIA_IS_NOT_ATTACHED_TO_VARIANT');
  }
  const touched = items.map((item) => {
    const variant = product.variants.find((v) => v.id === item.variantId)!;
    variant.mediaIds = variant.mediaIds.filter((m) => !item.mediaIds.includes(m));
    return variantView(product, variant, ctx);
  });
  ctx.store.touch(product);
  return { product: productView(product, ctx), productVariants: touched, userErrors: [] };
}

export const mediaMutations = { productUpdate, fileCreate, fileUpdate, fileDelete, productReorderMedia, productVariantAppendMedia, productVariantDetachMedia };
