// Same-origin image links for <img> tags (which send no Authorization header): the path names what to
// show, `exp` bounds it in time, `sig` is an HMAC over shop, kind, ref and exp. Short-lived on purpose.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey } from './secret-box.js';

export type MediaKind = 'original' | 'result' | 'preview';
export const MEDIA_KINDS: readonly MediaKind[] = ['original', 'result', 'preview'];
export const MEDIA_LINK_TTL_SECONDS = 15 * 60;

export class MediaSigner {
  private readonly key: Buffer;

  constructor(secret: string, private readonly now: () => number = Date.now) {
    this.key = deriveKey(secret, 'media-links:v1');
  }

  private mac(shop: string, kind: MediaKind, ref: string, exp: number): string {
    return createHmac('sha256', this.key).update(`${shop}\n${kind}\n${ref}\n${exp}`).digest('base64url');
  }

  url(shop: string, kind: MediaKind, ref: string, ttlSeconds = MEDIA_LINK_TTL_SECONDS): string {
    const exp = Math.floor(this.now() / 1000) + ttlSeconds;
    const query = new URLSearchParams({ shop, exp: String(exp), sig: this.mac(shop, kind, ref, exp) });
    return `/media/${kind}/${encodeURIComponent(ref)}?${query}`;
  }

  /** 'ok', or why not: a bad signature and an expired link get different answers. */
  verify(shop: string, kind: MediaKind, ref: string, exp: string, sig: string): 'ok' | 'invalid' | 'expired' {
    const expiry = Number(exp);
    if (!Number.isInteger(expiry)) return 'invalid';
    const expected = Buffer.from(this.mac(shop, kind, ref, expiry));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return expiry * 1000 < this.now() ? 'expired' : 'ok';
  }
}
