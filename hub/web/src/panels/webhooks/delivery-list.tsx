import { useState } from 'react';
import { Badge, BlockStack, Box, Button, InlineStack, Text } from '@shopify/polaris';
import type { WebhookDelivery } from '@pixport/shared';
import { useAction } from '../../api/use-action.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { formatDuration } from '../../components/format.js';
import { TimeText } from '../../components/time-text.js';
import { useSession } from '../../session/session.js';
import { ListRow, RowList } from '../../components/row-list.js';

/** Delivery attempts: outcome, status code, time taken, the receiver's answer, the next retry, and redelivery. */
export function DeliveryList({
  deliveries,
  label,
  canRedeliver,
  onRedelivered,
}: {
  deliveries: WebhookDelivery[];
  label: string;
  canRedeliver: boolean;
  onRedelivered: () => void;
}) {
  const { client } = useSession();
  const redeliver = useAction();
  const [queued, setQueued] = useState<string>();
  const send = async (delivery: WebhookDelivery) => {
    if (await redeliver.run(() => client.redeliverWebhook(delivery.id))) {
      setQueued(delivery.id);
      onRedelivered();
    }
  };
  if (deliveries.length === 0) {
    return (
      <Box padding="300">
        <Text as="p" tone="subdued">
          No delivery yet. Send a test ping, or wait for a subscribed event.
        </Text>
      </Box>
    );
  }
  return (
    <BlockStack gap="0">
      <ErrorBanner
        error={redeliver.error}
        title="The delivery was not queued again"
        onDismiss={redeliver.clearError}
      />
      <RowList label={label} ordered>
        {deliveries.map((delivery) => (
          <ListRow key={delivery.id} padding="300">
            <BlockStack gap="100">
              <InlineStack gap="200" blockAlign="center" wrap>
                <Badge
                  tone={delivery.succeeded ? 'success' : 'critical'}
                  toneAndProgressLabelOverride="Outcome"
                >
                  {delivery.succeeded ? 'delivered' : 'failed'}
                </Badge>
                <Text as="span" fontWeight="semibold">
                  <code>{delivery.event}</code>
                </Text>
                <Text as="span" tone="subdued">
                  {delivery.status_code ? `HTTP ${delivery.status_code}` : 'no answer'} ·{' '}
                  {formatDuration(delivery.duration_ms)} · attempt {delivery.attempt}
                  {delivery.redelivery ? ' (redelivery)' : ''} · <TimeText value={delivery.created_at} />
                </Text>
              </InlineStack>
              {delivery.task_id ? (
                <Text as="p" variant="bodySm" tone="subdued">
                  Task <code>{delivery.task_id}</code> → {delivery.url}
                </Text>
              ) : null}
              {delivery.error ? (
                <Text as="p" tone="critical">
                  {delivery.error}
                </Text>
              ) : null}
              {delivery.response_excerpt ? (
                <pre
                  className="pxp-code"
                  tabIndex={0}
                  aria-label={`Answer of the receiver to ${delivery.event}, attempt ${delivery.attempt}`}
                >
                  {delivery.response_excerpt}
                </pre>
              ) : null}
              {delivery.next_attempt_at ? (
                <Text as="p" variant="bodySm">
                  Next retry <TimeText value={delivery.next_attempt_at} />
                </Text>
              ) : null}
              {canRedeliver ? (
                <InlineStack gap="200" blockAlign="center">
                  <Button
                    onClick={() => void send(delivery)}
                    loading={redeliver.pending}
                    accessibilityLabel={`Redeliver ${delivery.event} (attempt ${delivery.attempt})`}
                  >
                    Redeliver
                  </Button>
                  {queued === delivery.id ? (
                    <Text as="span" tone="success">
                      Queued: it is sent again now.
                    </Text>
                  ) : null}
                </InlineStack>
              ) : null}
            </BlockStack>
          </ListRow>
        ))}
      </RowList>
    </BlockStack>
  );
}
