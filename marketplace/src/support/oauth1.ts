// OAuth 1.0a one-legged signatures as WooCommerce checks them over plain HTTP (RFC 5849 §3.4):
// base string = METHOD & enc(base URL) & enc(sorted, encoded params); key = consumer secret + "&".
import { createHmac, randomBytes } from 'node:crypto';

export type OAuthSignatureMethod = 'HMAC-SHA1' | 'HMAC-SHA256';

/** RFC 3986 percent-encoding (encodeURIComponent leaves !'()* alone). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** scheme://host[:port]/path — lower-case scheme and host, default ports dropped, no query. */
export function baseStringUri(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host.toLowerCase()}${parsed.pathname}`;
}

export function oauthSignature(method: string, url: string, params: Record<string, string>, consumerSecret: string, algorithm: OAuthSignatureMethod): string {
  const normalized = Object.entries(params)
    .filter(([key]) => key !== 'oauth_signature')
    .map(([key, value]) => [percentEncode(key), percentEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const base = [method.toUpperCase(), percentEncode(baseStringUri(url)), percentEncode(normalized)].join('&');
  return createHmac(algorithm === 'HMAC-SHA1' ? 'sha1' : 'sha256', `${consumerSecret}&`).update(base).digest('base64');
}

/** Query parameters (the request's own plus oauth_*) for a signed request. */
export function signRequest(
  method: string,
  url: string,
  query: Record<string, string>,
  consumerKey: string,
  consumerSecret: string,
  algorithm: OAuthSignatureMethod = 'HMAC-SHA256',
): Record<string, string> {
  const params: Record<string, string> = {
    ...query,
    oauth_consumer_key: consumerKey,
    oauth_nonce: randomBytes(16).toString('hex'),
    oauth_signature_method: algorithm,
    oauth_timestamp: String(Math.floor(Date.now() / 1000)),
  };
  return { ...params, oauth_signature: oauthSignature(method, url, params, consumerSecret, algorithm) };
}
