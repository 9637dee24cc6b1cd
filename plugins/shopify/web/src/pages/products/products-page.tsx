import { useEffect, useState } from 'react';
import type { ProductFilters, ProductRow, ProductSelection } from '../../../../server/src/api/contract.js';
import { useApi } from '../../api/api-context.js';
import { useLoad } from '../../api/use-load.js';
import { count, plural } from '../../format.js';
import { useRouter } from '../../router/router.js';
import {
  Badge,
  Card,
  Empty,
  ErrorBanner,
  Page,
  Stack,
  Table,
  Text,
  Thumbnail,
  type Column,
  type Selection,
} from '../../ui/index.js';
import { cleanFilters, selectionToSearch } from '../jobs/selection.js';
import { ComplianceBadges } from './compliance-badges.js';
import { ProductFilterBar } from './product-filters.js';
import { SyncCard } from './sync-card.js';

const PAGE_SIZE = 25;

const columns: Column<ProductRow>[] = [
  { heading: 'Image', hidden: true, render: (row) => <Thumbnail url={row.thumbnail_url} alt={row.title} /> },
  {
    heading: 'Product',
    render: (row) => (
      <Stack gap="none">
        <Text strong>{row.title}</Text>
        <Text tone="subdued" size="sm">
          {[row.vendor, row.product_type].filter(Boolean).join(' · ') || '—'}
        </Text>
      </Stack>
    ),
  },
  {
    heading: 'Status',
    render: (row) =>
      row.status ? (
        <Badge tone={row.status === 'active' ? 'success' : row.status === 'draft' ? 'info' : 'neutral'}>
          {row.status[0]!.toUpperCase() + row.status.slice(1)}
        </Badge>
      ) : (
        '—'
      ),
  },
  { heading: 'Images', alignment: 'end', render: (row) => count(row.image_count) },
  { heading: 'Compliance', render: (row) => <ComplianceBadges compliance={row.compliance} /> },
];

export default function ProductsPage() {
  const api = useApi();
  const { navigate } = useRouter();
  const [filters, setFilters] = useState<ProductFilters>({});
  const [query, setQuery] = useState('');
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [selection, setSelection] = useState<Selection>({ kind: 'ids', ids: [] });
  const cursor = cursors[cursors.length - 1]!;

  // Typing waits 300 ms before it asks the server.
  useEffect(() => {
    const timer = setTimeout(() => setFilters((current) => ({ ...current, query: query || undefined })), 300);
    return () => clearTimeout(timer);
  }, [query]);
  // Other filters or a new search start again on page 1, with nothing selected.
  useEffect(() => {
    setCursors([null]);
    setSelection({ kind: 'ids', ids: [] });
  }, [filters]);

  const facets = useLoad(() => api.facets(), [api]);
  const page = useLoad(() => api.products(cleanFilters(filters), cursor, PAGE_SIZE), [api, filters, cursor]);
  const rows = page.data?.products ?? [];
  const total = page.data?.total ?? 0;
  const selectedCount = selection.kind === 'all' ? total : selection.ids.length;

  const startJob = () => {
    const chosen: ProductSelection =
      selection.kind === 'all'
        ? { all: true, filters: cleanFilters(filters) }
        : { product_ids: selection.ids };
    navigate(`/jobs/new?${selectionToSearch(chosen)}`);
  };

  return (
    <Page
      title="Products"
      subtitle={page.data ? `${plural(total, 'product')} match` : undefined}
      primaryAction={{
        content: selectedCount ? `Process ${plural(selectedCount, 'product')}` : 'Process images',
        onAction: startJob,
        disabled: selectedCount === 0,
      }}
    >
      <SyncCard onSynced={() => void Promise.all([page.reload(), facets.reload()])} />
      <ErrorBanner
        error={facets.error}
        title="Could not load the filter choices"
        onRetry={() => void facets.reload()}
      />
      <Card padding={false}>
        <div className="px-card-inset">
          <ProductFilterBar
            filters={{ ...filters, query }}
            facets={facets.data}
            onChange={(next) => {
              if ((next.query ?? '') !== query) setQuery(next.query ?? '');
              else setFilters({ ...next, query: filters.query });
            }}
          />
        </div>
        {page.error ? (
          <div className="px-card-inset">
            <ErrorBanner
              error={page.error}
              title="Could not load products"
              onRetry={() => void page.reload()}
            />
          </div>
        ) : (
          <Table
            label="Products"
            resourceName={{ singular: 'product', plural: 'products' }}
            rows={rows}
            columns={columns}
            loading={page.loading}
            total={total}
            selection={selection}
            onSelectionChange={setSelection}
            bulkActions={[{ content: 'Process images', onAction: startJob }]}
            empty={
              page.loading && !page.data ? (
                <div role="status" className="px-card-inset">
                  Loading products…
                </div>
              ) : Object.values(filters).some(Boolean) ? (
                <Empty heading="No products match">Try another search or clear the filters.</Empty>
              ) : (
                <Empty heading="No products synced yet">
                  Sync your catalog to see your products and their compliance here.
                </Empty>
              )
            }
            pagination={{
              hasPrevious: cursors.length > 1,
              hasNext: Boolean(page.data?.next_cursor),
              onPrevious: () => setCursors((list) => list.slice(0, -1)),
              onNext: () => setCursors((list) => [...list, page.data!.next_cursor]),
              label: `Page ${cursors.length}`,
            }}
          />
        )}
      </Card>
    </Page>
  );
}
