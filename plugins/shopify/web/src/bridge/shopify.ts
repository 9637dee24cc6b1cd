// The one place the pages touch App Bridge's global (`window.shopify`, loaded from Shopify's CDN by index.html).
// Outside the admin (a test, a page opened directly) it may be missing: callers get a clear error or a no-op.
import type { ShopifyGlobal } from '@shopify/app-bridge-types';

export type Bridge = Pick<ShopifyGlobal, 'idToken' | 'toast'>;

export function bridge(): Bridge | undefined {
  return (globalThis as { shopify?: Bridge }).shopify;
}

/** A fresh session token (App Bridge caches and renews it; each call may return a newer one). */
export async function sessionToken(): Promise<string> {
  const shopify = bridge();
  if (!shopify?.idToken) throw new Error('App Bridge is not loaded: open the app from the Shopify admin.');
  return shopify.idToken();
}

export function toast(message: string, options: { isError?: boolean } = {}): void {
  bridge()?.toast?.show(message, { duration: 4000, ...options });
}
