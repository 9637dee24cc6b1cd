import type { ProductFacets, ProductFilters } from '../../../../server/src/api/contract.js';
import { Button, Grid, SearchField, SelectField, Stack } from '../../ui/index.js';

const any = { label: 'Any', value: '' };

export function ProductFilterBar({
  filters,
  facets,
  onChange,
}: {
  filters: ProductFilters;
  facets: ProductFacets | undefined;
  onChange: (filters: ProductFilters) => void;
}) {
  const set = (key: keyof ProductFilters) => (value: string) =>
    onChange({ ...filters, [key]: value || undefined });
  const active = Object.entries(filters).some(([key, value]) => key !== 'query' && value);
  return (
    <Stack gap="base">
      <SearchField
        label="Search products"
        placeholder="Search products by title"
        value={filters.query ?? ''}
        onChange={set('query')}
      />
      <Grid columns={4}>
        <SelectField
          label="Collection"
          value={filters.collection ?? ''}
          onChange={set('collection')}
          options={[any, ...(facets?.collections ?? []).map((c) => ({ label: c.title, value: c.id }))]}
        />
        <SelectField
          label="Vendor"
          value={filters.vendor ?? ''}
          onChange={set('vendor')}
          options={[any, ...(facets?.vendors ?? []).map((v) => ({ label: v, value: v }))]}
        />
        <SelectField
          label="Product type"
          value={filters.product_type ?? ''}
          onChange={set('product_type')}
          options={[any, ...(facets?.product_types ?? []).map((t) => ({ label: t, value: t }))]}
        />
        <SelectField
          label="Status"
          value={filters.status ?? ''}
          onChange={set('status')}
          options={[
            any,
            { label: 'Active', value: 'active' },
            { label: 'Draft', value: 'draft' },
            { label: 'Archived', value: 'archived' },
          ]}
        />
      </Grid>
      <Stack direction="row" align="space-between">
        <div style={{ minWidth: '16rem' }}>
          <SelectField
            label="Fails compliance"
            value={filters.fails ?? ''}
            onChange={set('fails')}
            options={[
              { label: 'Show all products', value: '' },
              { label: 'Fails any marketplace', value: 'any' },
              { label: 'Fails Amazon', value: 'amazon' },
              { label: 'Fails Google', value: 'google' },
              { label: 'Fails Shopify', value: 'shopify' },
            ]}
          />
        </div>
        {active ? (
          <Button variant="plain" onClick={() => onChange({ query: filters.query })}>
            Clear filters
          </Button>
        ) : null}
      </Stack>
    </Stack>
  );
}
