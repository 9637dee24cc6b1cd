import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export interface Location {
  path: string;
  search: URLSearchParams;
}

interface RouterValue {
  location: Location;
  navigate: (to: string, options?: { replace?: boolean }) => void;
}

const RouterContext = createContext<RouterValue | undefined>(undefined);

function read(): Location {
  return { path: window.location.pathname || '/', search: new URLSearchParams(window.location.search) };
}

/**
 * Client-side routing on the History API. App Bridge turns clicks in the admin's app nav (`<ui-nav-menu>`)
 * into a `shopify:navigate` event on the clicked link instead of reloading the iframe; it lands here too.
 */
export function Router({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(read);
  const navigate = useCallback((to: string, options: { replace?: boolean } = {}) => {
    let target: URL;
    try {
      target = new URL(to, window.location.href);
    } catch {
      return;
    }
    // Only the app's own pages: `shopify:navigate` comes from links in the page, and a javascript: or foreign
    // URL there must not run or take the admin's frame elsewhere.
    if (target.origin !== window.location.origin || !/^https?:$/.test(target.protocol)) return;
    // Keep the admin's query (shop, host, embedded…) so a reload of this URL still authenticates.
    for (const key of ['shop', 'host', 'embedded', 'locale'])
      if (!target.searchParams.has(key) && new URLSearchParams(window.location.search).has(key))
        target.searchParams.set(key, new URLSearchParams(window.location.search).get(key)!);
    const href = `${target.pathname}${target.search}`;
    if (options.replace) window.history.replaceState(null, '', href);
    else window.history.pushState(null, '', href);
    setLocation(read());
    window.scrollTo(0, 0);
  }, []);

  useEffect(() => {
    const onPop = () => setLocation(read());
    const onShopifyNavigate = (event: Event) => {
      const href = (event.target as Element | null)?.getAttribute?.('href');
      if (href) navigate(href);
    };
    window.addEventListener('popstate', onPop);
    document.addEventListener('shopify:navigate', onShopifyNavigate);
    return () => {
      window.removeEventListener('popstate', onPop);
      document.removeEventListener('shopify:navigate', onShopifyNavigate);
    };
  }, [navigate]);

  const value = useMemo(() => ({ location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter outside Router');
  return value;
}

/** `/jobs/:id/review` against `/jobs/abc/review` → { id: 'abc' }, or undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i]!.startsWith(':')) params[want[i]!.slice(1)] = decodeURIComponent(got[i]!);
    else if (want[i] !== got[i]) return undefined;
  }
  return params;
}
