import crypto from 'node:crypto';

/**
 * Webhook signatures per the Standard Webhooks spec, plus `X-Pixport-Signature` for simple receivers.
 *
 * The signing key is the secret's bytes: for a `whsec_…` secret the base64 after the prefix decoded,
 * for any other (user-supplied plain) secret its UTF-8 bytes as they are. Both signatures use it:
 * - `webhook-signature: v1,<base64 HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")>`
 * - `X-Pixport-Signature: sha256=<hex HMAC-SHA256(key, body)>`
 */
export const SECRET_PREFIX = 'whsec_';
const GENERATED_SECRET_BYTES = 32;

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
  'X-Pixport-Signature': string;
}

/** A new secret: `whsec_` + base64 of 32 random bytes (the spec allows 24–64). */
export function generateSecret(): string {
  return SECRET_PREFIX + crypto.randomBytes(GENERATED_SECRET_BYTES).toString('base64');
}

/**
 * Why a user-supplied secret is unusable, or undefined. A `whsec_` secret must be base64 of 24–64
 * bytes (receivers' libraries decode it); a plain secret needs at least 16 characters.
 */
export function secretProblem(secret: string): string | undefined {
  if (secret.startsWith(SECRET_PREFIX)) {
    const body = secret.slice(SECRET_PREFIX.length);
    const bytes = Buffer.from(body, 'base64');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || bytes.toString('base64').replace(/=+$/, '') !== body.replace(/=+$/, '')) {
      return 'a whsec_ secret must be followed by base64';
    }
    if (bytes.length < 24 || bytes.length > 64) return 'a whsec_ secret must encode 24 to 64 bytes';
    return undefined;
  }
  if (secret.length < 16) return 'must be at least 16 characters';
  if (secret.length > 256) return 'must be at most 256 characters';
  return undefined;
}

export function signingKey(secret: string): Buffer {
  return secret.startsWith(SECRET_PREFIX) ? Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64') : Buffer.from(secret, 'utf8');
}

/** The headers of one signed delivery of `body` (the exact bytes sent). */
export function signPayload(input: { id: string; timestamp: Date; body: string; secret: string }): SignedHeaders {
  const key = signingKey(input.secret);
  const seconds = String(Math.floor(input.timestamp.getTime() / 1000));
  const signed = crypto.createHmac('sha256', key).update(`${input.id}.${seconds}.${input.body}`).digest('base64');
  const plain = crypto.createHmac('sha256', key).update(input.body).digest('hex');
  return {
    'webhook-id': input.id,
    'webhook-timestamp': seconds,
    'webhook-signature': `v1,${signed}`,
    'X-Pixport-Signature': `sha256=${plain}`,
  };
}
