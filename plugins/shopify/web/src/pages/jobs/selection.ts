import type { ProductFilters, ProductSelection } from '../../../../server/src/api/contract.js';

const filterKeys = ['query', 'vendor', 'product_type', 'status', 'collection', 'fails'] as const;

/** The products page hands its selection to the new-job page in the URL (it survives a reload). */
export function selectionToSearch(selection: ProductSelection): string {
  const search = new URLSearchParams();
  if ('product_ids' in selection) search.set('ids', selection.product_ids.join(','));
  else {
    search.set('all', '1');
    for (const key of filterKeys) {
      const value = selection.filters[key];
      if (value) search.set(key, value);
    }
  }
  return search.toString();
}

export function selectionFromSearch(search: URLSearchParams): ProductSelection | undefined {
  if (search.get('all') === '1') {
    const filters: ProductFilters = {};
    for (const key of filterKeys) {
      const value = search.get(key);
      if (value) (filters as Record<string, string>)[key] = value;
    }
    return { all: true, filters };
  }
  const ids = (search.get('ids') ?? '').split(',').filter(Boolean);
  return ids.length ? { product_ids: ids } : undefined;
}

export function cleanFilters(filters: ProductFilters): ProductFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value)) as ProductFilters;
}
