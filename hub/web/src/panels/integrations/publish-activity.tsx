import { Badge, BlockStack, Box, Card, InlineStack, Text, Thumbnail } from '@shopify/polaris';
import { ImageIcon } from '@shopify/polaris-icons';
import { useCursorPages } from '../../api/use-cursor-pages.js';
import { usePolling } from '../../api/use-polling.js';
import { CursorPager } from '../../components/cursor-pager.js';
import { EmptyNote } from '../../components/empty-note.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { TimeText } from '../../components/time-text.js';
import { useSession } from '../../session/session.js';
import { marketplaceLabel } from './connect-modal.js';
import { ListRow, RowList } from '../../components/row-list.js';

// A restored publish is undone: the original is live again, the published image detached.
const TONE = {
  queued: 'info',
  publishing: 'attention',
  succeeded: 'success',
  failed: 'critical',
  restoring: 'attention',
  restored: 'read-only',
} as const;
export const PUBLISH_PAGE_SIZE = 10;

/**
 * Recent publish activity, newest first, a page at a time with the hub's cursor; the shown page refreshes while
 * one of its publishes runs. A new `version` (a publish just started) goes back to the newest page.
 */
export function PublishActivity({ version }: { version: number }) {
  const { client } = useSession();
  const page = useCursorPages(
    (cursor) => client.publishEvents({ limit: PUBLISH_PAGE_SIZE, cursor }),
    [client, version],
  );
  const events = page.rows;
  usePolling(
    events.some(
      (event) => event.status === 'queued' || event.status === 'publishing' || event.status === 'restoring',
    ),
    1000,
    page.reload,
  );
  return (
    <Card padding="0">
      <Box padding="400">
        <Text as="h2" variant="headingMd">
          Publish activity
        </Text>
      </Box>
      <ErrorBanner error={page.error} title="The publish activity could not load" />
      {events.length === 0 && !page.loading ? (
        <EmptyNote heading="Nothing published yet">
          Publish an output to a product from a catalog above; each attempt shows here.
        </EmptyNote>
      ) : (
        <RowList label="Publish activity" ordered>
          {events.map((event) => (
            <ListRow key={event.id} padding="300" paddingInline="400">
              <InlineStack gap="300" blockAlign="center" wrap={false}>
                <Thumbnail
                  source={event.image?.url ?? ImageIcon}
                  alt={
                    event.image
                      ? `Published image of ${event.product_title ?? event.product_id}`
                      : 'No image yet'
                  }
                  size="small"
                />
                <BlockStack gap="050">
                  <InlineStack gap="200" blockAlign="center" wrap>
                    <Text as="span" fontWeight="semibold" breakWord>
                      {event.product_title ?? event.product_id}
                    </Text>
                    <Badge tone={TONE[event.status]} toneAndProgressLabelOverride="Status">
                      {event.status}
                    </Badge>
                  </InlineStack>
                  <Text as="p" variant="bodySm" tone="subdued">
                    {marketplaceLabel(event.marketplace)} ·{' '}
                    {event.replace_image_id
                      ? 'replaced an image'
                      : event.position
                        ? `position ${event.position}`
                        : 'added'}{' '}
                    · <TimeText value={event.created_at} />
                  </Text>
                  {event.error ? (
                    <Text as="p" tone="critical">
                      {event.error.message}
                    </Text>
                  ) : null}
                  {event.warnings.map((warning) => (
                    <Text as="p" tone="caution" key={warning}>
                      {warning}
                    </Text>
                  ))}
                </BlockStack>
              </InlineStack>
            </ListRow>
          ))}
        </RowList>
      )}
      <Box padding="300">
        <CursorPager pager={page.pager} previousLabel="Newer activity" nextLabel="Older activity" />
      </Box>
    </Card>
  );
}
