import crypto from 'node:crypto';
import { safeEqual } from './ids.js';

export type SignatureVerdict = 'valid' | 'expired' | 'invalid';

/**
 * Time-limited signed URLs: `?expires=<unix s>&signature=<hex HMAC-SHA256>` over the method, the path
 * and the expiry. Keys are derived from the secrets keys (the first signs, every one verifies), so
 * rotating SECRETS_KEY keeps links signed before valid until they expire.
 */
export class UrlSigner {
  private readonly keys: Buffer[];

  constructor(secretKeys: Buffer[]) {
    if (secretKeys.length === 0) throw new Error('UrlSigner needs at least one key');
    this.keys = secretKeys.map((key) =>
      crypto.createHmac('sha256', key).update('pixport/signed-urls/v1').digest(),
    );
  }

  /** The path with its signed query, valid until `expiresAt` (to the second). */
  sign(path: string, expiresAt: Date): string {
    const expires = Math.floor(expiresAt.getTime() / 1000);
    return `${path}?expires=${expires}&signature=${mac(this.keys[0]!, path, expires)}`;
  }

  /** Checks the signature first (constant time), so a changed expiry is `invalid`, never `expired`. */
  verify(
    path: string,
    expires: string | undefined,
    signature: string | undefined,
    now = new Date(),
  ): SignatureVerdict {
    if (!expires || !signature || !/^\d{1,12}$/.test(expires) || !/^[0-9a-f]{64}$/.test(signature))
      return 'invalid';
    const matches = this.keys.map((key) => safeEqual(mac(key, path, Number(expires)), signature));
    if (!matches.includes(true)) return 'invalid';
    return Number(expires) * 1000 <= now.getTime() ? 'expired' : 'valid';
  }
}

function mac(key: Buffer, path: string, expires: number): string {
  return crypto.createHmac('sha256', key).update(`GET\n${path}\n${expires}`).digest('hex');
}
