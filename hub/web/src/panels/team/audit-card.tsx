import { BlockStack, Box, Card, InlineStack, Text } from '@shopify/polaris';
import type { AuditEvent } from '@pixport/shared';
import { useCursorPages } from '../../api/use-cursor-pages.js';
import { CursorPager } from '../../components/cursor-pager.js';
import { EmptyNote } from '../../components/empty-note.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { TimeText } from '../../components/time-text.js';
import { useSession } from '../../session/session.js';
import { ListRow, RowList } from '../../components/row-list.js';

/** Who did what, newest first, a page at a time with the hub's cursor. A new `version` goes back to the newest page. */
export function AuditCard({ names, version }: { names: Map<string, string>; version: number }) {
  const { client } = useSession();
  const page = useCursorPages((cursor) => client.audit({ limit: 25, cursor }), [client, version]);
  const events = page.rows;

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
          <ErrorBanner error={page.error} title="The audit log could not load" />
        </BlockStack>
      </Box>
      {events.length === 0 && !page.loading ? (
        <EmptyNote heading="Nothing recorded yet">
          Key, member and sign-in changes are recorded here as they happen.
        </EmptyNote>
      ) : (
        <RowList label="Audit events" ordered>
          {events.map((event) => (
            <ListRow key={event.id} padding="300" paddingInline="400">
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
            </ListRow>
          ))}
        </RowList>
      )}
      <Box padding="300">
        <CursorPager pager={page.pager} previousLabel="Newer events" nextLabel="Older events" />
      </Box>
    </Card>
  );
}
