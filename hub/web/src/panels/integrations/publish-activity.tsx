import { useState } from 'react';
import { Badge, BlockStack, Box, Button, Card, InlineStack, Text, Thumbnail } from '@shopify/polaris';
import { ImageIcon } from '@shopify/polaris-icons';
import type { PublishEvent } from '@pixport/shared';
import { describeError, type ErrorReport } from '../../api/errors.js';
import { useLoad } from '../../api/use-load.js';
import { usePolling } from '../../api/use-polling.js';
import { EmptyNote } from '../../components/empty-note.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { TimeText } from '../../components/time-text.js';
import { useSession } from '../../session/session.js';
import { marketplaceLabel } from './connect-modal.js';

const TONE = { queued: 'info', publishing: 'attention', succeeded: 'success', failed: 'critical' } as const;

/** Recent publish activity, newest first, refreshing while a publish runs; older pages on request. */
export function PublishActivity({ version }: { version: number }) {
  const { client } = useSession();
  const first = useLoad(() => client.publishEvents({ limit: 10 }), [client, version]);
  const [older, setOlder] = useState<PublishEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>();
  const [moreError, setMoreError] = useState<ErrorReport>();
  const events = [...(first.data?.data ?? []), ...older];
  const next = cursor === undefined ? first.data?.next_cursor : cursor;
  usePolling(
    (first.data?.data ?? []).some((event) => event.status === 'queued' || event.status === 'publishing'),
    1000,
    () => first.reload(),
  );
  const loadMore = async () => {
    try {
      const page = await client.publishEvents({ limit: 10, cursor: next ?? undefined });
      setOlder((current) => [...current, ...page.data]);
      setCursor(page.next_cursor);
    } catch (error) {
      setMoreError(describeError(error));
    }
  };
  return (
    <Card padding="0">
      <Box padding="400">
        <Text as="h2" variant="headingMd">
          Publish activity
        </Text>
      </Box>
      <ErrorBanner error={first.error ?? moreError} title="The publish activity could not load" />
      {events.length === 0 && !first.loading ? (
        <EmptyNote heading="Nothing published yet">
          Publish an output to a product from a catalog above; each attempt shows here.
        </EmptyNote>
      ) : (
        <ol aria-label="Publish activity" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {events.map((event) => (
            <Box
              as="li"
              key={event.id}
              padding="300"
              paddingInline="400"
              borderBlockStartWidth="025"
              borderColor="border-secondary"
            >
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
            </Box>
          ))}
        </ol>
      )}
      {next ? (
        <Box padding="400">
          <Button onClick={() => void loadMore()}>Show older activity</Button>
        </Box>
      ) : null}
    </Card>
  );
}
