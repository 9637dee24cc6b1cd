// The same-origin image proxy behind signed links: originals (by the URL the hub's catalog gave, signed
// into the link), processed results (the shop's live key) and previews (its test key).
import type { Context } from 'koa';
import { AppError } from '../errors.js';
import { MEDIA_KINDS, type MediaKind, type MediaSigner } from '../lib/signed-url.js';
import { isShopDomain } from '../lib/shop-domain.js';
import type { ShopContexts } from './shop-context.js';

const MAX_ORIGINAL_BYTES = 30 * 1024 * 1024;

export class MediaService {
  constructor(private readonly contexts: ShopContexts, private readonly signer: MediaSigner) {}

  async serve(ctx: Context, kind: string, ref: string): Promise<void> {
    const { shop, exp, sig } = ctx.query;
    if (!MEDIA_KINDS.includes(kind as MediaKind) || !isShopDomain(shop) || typeof exp !== 'string' || typeof sig !== 'string') throw new AppError('invalid_signature');
    const verdict = this.signer.verify(shop, kind as MediaKind, ref, exp, sig);
    if (verdict === 'invalid') throw new AppError('invalid_signature');
    if (verdict === 'expired') throw new AppError('link_expired');
    const context = await this.contexts.of(shop);
    ctx.set('Cache-Control', 'private, max-age=600');
    if (kind === 'original') {
      const url = Buffer.from(ref, 'base64url').toString('utf8');
      if (!/^https?:\/\//.test(url)) throw new AppError('not_found');
      let response: Response;
      try {
        response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(15_000) });
      } catch {
        throw new AppError('shopify_unavailable', 'The original image could not be fetched from Shopify.');
      }
      const type = response.headers.get('content-type') ?? '';
      if (!response.ok || !type.startsWith('image/')) throw new AppError('not_found', `The original image answered ${response.status}.`);
      const data = Buffer.from(await response.arrayBuffer());
      if (data.length > MAX_ORIGINAL_BYTES) throw new AppError('not_found', 'The original image is too large to show.');
      ctx.type = type;
      ctx.body = data;
      return;
    }
    const client = kind === 'preview' ? this.contexts.testClient(context.linked) : context.hub;
    const file = await this.contexts.call(() => client.downloadResult(ref));
    ctx.type = file.contentType || 'application/octet-stream';
    ctx.body = Buffer.from(file.data);
  }
}
