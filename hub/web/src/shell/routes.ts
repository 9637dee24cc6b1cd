import type { IconSource } from '@shopify/polaris';
import type { Capabilities } from '../api/capabilities.js';

/** One panel of the dashboard, reached at `#/<id>`; `needs` is the route that must exist on this hub. */
export interface PanelRoute {
  id: string;
  label: string;
  icon?: IconSource;
  needs?: string;
}

/** The route in the location hash (`#/keys` → `keys`); anything unknown is the overview. */
export function routeFromHash(hash: string, routes: PanelRoute[]): string {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return routes.some((route) => route.id === id) ? id : (routes[0]?.id ?? '');
}

export function hrefOf(id: string): string {
  return `#/${id}`;
}

export function availableRoutes(routes: PanelRoute[], capabilities: Capabilities): PanelRoute[] {
  return routes.filter((route) => !route.needs || capabilities.has(route.needs));
}
