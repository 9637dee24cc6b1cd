// Mints a Shopify session token (ID token) the way App Bridge hands one to an embedded app: HS256 with
// the app secret, aud = client id, dest = the shop. For tests of the sandbox's token exchange.
import { createHmac } from 'node:crypto';

export function mintSessionToken(input: { shop: string; clientId: string; clientSecret: string; exp?: number; nbf?: number; aud?: string }): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'HS256', typ: 'JWT' });
  const payload = encode({
    iss: `https://${input.shop}/admin`,
    dest: `https://${input.shop}`,
    aud: input.aud ?? input.clientId,
    sub: '902541635',
    exp: input.exp ?? now + 60,
    nbf: input.nbf ?? now - 5,
    iat: now - 5,
    jti: `jti-${now}-${Math.random()}`,
    sid: 'session-id',
  });
  const signature = createHmac('sha256', input.clientSecret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
