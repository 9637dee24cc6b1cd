import { useEffect, useState } from 'react';
import { BlockStack, Box, Button, Card, InlineStack, Text } from '@shopify/polaris';
import type { AuditEvent } from '@pixport/shared';
import { describeError, type ErrorReport } from '../../api/errors.js';
import { useLoad } from '../../api/use-load.js';
import { EmptyNote } from '../../components/empty-note.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { TimeText } from '../../components/time-text.js';
import { useSession } from '../../session/session.js';

/** Who did what, newest first: the first page, then older pages on request (cursor paging). A new `version` reloads. */
export function AuditCard({ names, version }: { names: Map<string, string>; version: number }) {
  const { client } = useSession();
  const first = useLoad(() => client.audit({ limit: 25 }), [client, version]);
  const [older, setOlder] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ErrorReport>();
  useEffect(() => {
    setOlder([]);
    setCursor(undefined);
  }, [version]);
  const next = cursor === undefined ? first.data?.next_cursor : cursor;
  const events = [...(first.data?.data ?? []), ...older];

  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const page = await client.audit({ limit: 25, cursor: next });
      setOlder((current) => [...current, ...page.data]);
      setCursor(page.next_cursor);
      setMoreError(undefined);
    } catch (error) {
      setMoreError(describeError(error));
    } finally {
      setLoadingMore(false);
    }
  };

  const actor = (event: AuditEvent) =>
    event.actor.user_id
      ? (names.get(event.actor.user_id) ?? 'a former member')
      : event.actor.key_id
        ? `key ${names.get(event.actor.key_id) ?? event.actor.key_id}`
        : 'the hub';

  return (
    <Card padding="0">
      <Box padding="400">
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Audit log
          </Text>
          <ErrorBanner error={first.error} title="The audit log could not load" />
        </BlockStack>
      </Box>
      {events.length === 0 && !first.loading ? (
        <EmptyNote heading="Nothing recorded yet">
          Key, member and sign-in changes are recorded here as they happen.
        </EmptyNote>
      ) : (
        <ol aria-label="Audit events" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {events.map((event) => (
            <Box
              as="li"
              key={event.id}
              padding="300"
              paddingInline="400"
              borderBlockStartWidth="025"
              borderColor="border-secondary"
            >
              <BlockStack gap="050">
                <InlineStack gap="200" wrap>
                  <Text as="span" fontWeight="semibold">
                    <code>{event.action}</code>
                  </Text>
                  <Text as="span" tone="subdued">
                    by {actor(event)} · <TimeText value={event.created_at} />
                    {event.ip ? ` · ${event.ip}` : ''}
                  </Text>
                </InlineStack>
                {event.target_type || Object.keys(event.metadata).length ? (
                  <Text as="p" tone="subdued" variant="bodySm" breakWord>
                    {event.target_type
                      ? `${event.target_type} ${names.get(event.target_id ?? '') ?? event.target_id ?? ''}`
                      : ''}
                    {Object.keys(event.metadata).length ? ` ${JSON.stringify(event.metadata)}` : ''}
                  </Text>
                ) : null}
              </BlockStack>
            </Box>
          ))}
        </ol>
      )}
      <Box padding="400">
        <BlockStack gap="200">
          <ErrorBanner error={moreError} title="Older events could not load" />
          {next ? (
            <InlineStack>
              <Button onClick={() => void loadMore()} loading={loadingMore}>
                Show older events
              </Button>
            </InlineStack>
          ) : events.length ? (
            <Text as="p" tone="subdued">
              That is the whole log.
            </Text>
          ) : null}
        </BlockStack>
      </Box>
    </Card>
  );
}
