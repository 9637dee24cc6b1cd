import crypto from 'node:crypto';

/**
 * Shopify session tokens (App Bridge `idToken()`): HS256 JWTs signed with the app's secret, `aud` = the app's
 * API key, `dest` = the shop's URL, valid one minute. The test server verifies them the way Shopify documents;
 * tests mint them (valid, expired, for another app) with `mintIdToken`.
 */
export interface TokenOptions {
  apiKey: string;
  secret: string;
  shop: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
}

const b64 = (value: Buffer | string) => Buffer.from(value).toString('base64url');

export function mintIdToken({ apiKey, secret, shop, expiresIn = 60 }: TokenOptions): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64(
    JSON.stringify({
      iss: `https://${shop}/admin`,
      dest: `https://${shop}`,
      aud: apiKey,
      sub: '42',
      exp: now + expiresIn,
      nbf: now - 1,
      iat: now - 1,
      jti: crypto.randomUUID(),
      sid: crypto.randomUUID(),
    }),
  );
  const signature = crypto.createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** The shop the token is for, or why it is refused. */
export function verifyIdToken(
  token: string,
  { apiKey, secret, toleranceSeconds = 5 }: { apiKey: string; secret: string; toleranceSeconds?: number },
): { shop: string } | { error: string } {
  const parts = token.split('.');
  if (parts.length !== 3) return { error: 'malformed token' };
  const [header, payload, signature] = parts as [string, string, string];
  const expected = crypto.createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
    return { error: 'bad signature' };
  let claims: { aud?: string; exp?: number; nbf?: number; dest?: string };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { error: 'malformed token' };
  }
  const now = Math.floor(Date.now() / 1000);
  if (claims.aud !== apiKey) return { error: 'token is for another app' };
  if (typeof claims.exp !== 'number' || claims.exp + toleranceSeconds < now)
    return { error: 'token expired' };
  if (typeof claims.nbf === 'number' && claims.nbf - toleranceSeconds > now)
    return { error: 'token not valid yet' };
  const shop = claims.dest?.replace(/^https:\/\//, '') ?? '';
  if (!/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(shop)) return { error: 'token names no valid shop' };
  return { shop };
}
