import crypto from 'node:crypto';
import { safeEqual } from './ids.js';

/**
 * Device cookies for sign-in throttling (OWASP's "slow down online guessing with device cookies"):
 * a browser that signed in to an account gets `<id>.<HMAC(id, email)>`; presented again for the same
 * email it marks a known device, whose attempts are counted on their own, so strangers' failures
 * cannot lock the owner out of a browser they have used before. Keys derive from the secrets keys
 * (the first signs, every one verifies).
 */
export class DeviceTokens {
  private readonly keys: Buffer[];

  constructor(secretKeys: Buffer[]) {
    if (secretKeys.length === 0) throw new Error('DeviceTokens needs at least one key');
    this.keys = secretKeys.map((key) => crypto.createHmac('sha256', key).update('pixport/login-devices/v1').digest());
  }

  issue(email: string): string {
    const id = crypto.randomBytes(16).toString('base64url');
    return `${id}.${mac(this.keys[0]!, id, email)}`;
  }

  /** The device id when `token` was issued for `email` by one of the keys, otherwise undefined. */
  verify(token: string | undefined | null, email: string): string | undefined {
    if (!token || token.length > 200) return undefined;
    const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return undefined;
    const [, id, signature] = match as unknown as [string, string, string];
    return this.keys.some((key) => safeEqual(mac(key, id, email), signature)) ? id : undefined;
  }
}

function mac(key: Buffer, id: string, email: string): string {
  return crypto.createHmac('sha256', key).update(`${id}\n${email}`).digest('base64url');
}
