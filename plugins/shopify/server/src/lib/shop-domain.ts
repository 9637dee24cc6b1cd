// Shop and host parameters arrive from the browser: both are checked before anything uses them.

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function isShopDomain(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 255 && SHOP_DOMAIN.test(value);
}

/**
 * `host` is base64url of `admin.shopify.com/store/<name>` (or, older, `<shop>/admin`). Valid when it decodes
 * to one of those for this shop.
 */
export function isHostFor(host: unknown, shop: string): boolean {
  if (typeof host !== 'string' || host.length > 512 || !/^[A-Za-z0-9_=+/-]+$/.test(host)) return false;
  const decoded = Buffer.from(host, 'base64').toString('utf8');
  const name = shop.replace(/\.myshopify\.com$/, '');
  return decoded === `admin.shopify.com/store/${name}` || decoded === `${shop}/admin`;
}

/** The shop of a session token's `dest` claim (`https://<shop>`), or null. */
export function shopFromDest(dest: unknown): string | null {
  if (typeof dest !== 'string') return null;
  try {
    const url = new URL(dest);
    return url.protocol === 'https:' && isShopDomain(url.hostname) ? url.hostname : null;
  } catch {
    return null;
  }
}
