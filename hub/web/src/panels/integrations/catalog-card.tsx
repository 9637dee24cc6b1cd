import { useState } from 'react';
import { BlockStack, Box, Button, Card, InlineStack, Text, TextField, Thumbnail } from '@shopify/polaris';
import { ImageIcon } from '@shopify/polaris-icons';
import type { CatalogItem, Integration } from '@pixport/shared';
import { useCursorPages } from '../../api/use-cursor-pages.js';
import { CursorPager } from '../../components/cursor-pager.js';
import { EmptyNote } from '../../components/empty-note.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useSession } from '../../session/session.js';
import { ListRow, RowList } from '../../components/row-list.js';

/** The synced catalog of one integration: search, thumbnails, SKUs, paging; each product can receive an output. */
export function CatalogCard({
  integration,
  canPublish,
  onPublish,
}: {
  integration: Integration;
  canPublish: boolean;
  onPublish: (item: CatalogItem) => void;
}) {
  const { client } = useSession();
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  // A finished sync changes the catalog: back to its first page.
  const page = useCursorPages(
    (cursor) =>
      client.catalog({ integration: integration.id, search: search || undefined, cursor, limit: 10 }),
    [client, integration.id, search, integration.sync?.finished_at],
  );
  const items = page.rows;
  return (
    <Card padding="0">
      <Box padding="400">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">{`Catalog of ${integration.name}`}</Text>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              setSearch(draft.trim());
            }}
          >
            <TextField
              label="Search products"
              value={draft}
              onChange={setDraft}
              autoComplete="off"
              placeholder="Title, SKU or product id"
              connectedRight={<Button submit>Search</Button>}
            />
          </form>
          <ErrorBanner error={page.error} title="The catalog could not load" />
        </BlockStack>
      </Box>
      {items.length === 0 && !page.loading ? (
        <EmptyNote heading={search ? 'No product matches' : 'No products synced yet'}>
          {search
            ? 'Try another word, a SKU or a product id.'
            : 'Sync the integration above; its products appear here.'}
        </EmptyNote>
      ) : (
        <RowList label={`Products of ${integration.name}`}>
          {items.map((item) => (
            <ListRow key={item.id} padding="300" paddingInline="400">
              <InlineStack gap="300" blockAlign="center" wrap={false}>
                <Thumbnail
                  source={item.images[0]?.url ?? ImageIcon}
                  alt={item.images[0]?.alt ?? `No image of ${item.title}`}
                  size="small"
                />
                <div style={{ flex: 1, minWidth: 0 }}>
                  <BlockStack gap="050">
                    <Text as="h3" variant="headingSm" breakWord>
                      {item.title}
                    </Text>
                    <Text as="p" variant="bodySm" tone="subdued" breakWord>
                      {`${item.images.length} image${item.images.length === 1 ? '' : 's'} · ${item.skus.length ? `SKU ${item.skus.join(', ')}` : 'no SKU'} · ${item.product_id}`}
                    </Text>
                  </BlockStack>
                </div>
                {canPublish ? (
                  <Button onClick={() => onPublish(item)} accessibilityLabel={`Publish to ${item.title}`}>
                    Publish
                  </Button>
                ) : null}
              </InlineStack>
            </ListRow>
          ))}
        </RowList>
      )}
      <Box padding="300">
        <CursorPager pager={page.pager} previousLabel="Previous products" nextLabel="More products" />
      </Box>
    </Card>
  );
}
