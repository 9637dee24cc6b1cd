import { useState } from 'react';
import { Badge, BlockStack, Button, Collapsible, InlineStack, Modal, Text } from '@shopify/polaris';
import type { Webhook, WebhookDelivery } from '@pixport/shared';
import { useAction } from '../../api/use-action.js';
import { useLoad } from '../../api/use-load.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { formatDuration } from '../../components/format.js';
import { TimeText } from '../../components/time-text.js';
import { useSession } from '../../session/session.js';
import { DeliveryList } from './delivery-list.js';
import { ListRow, RowTitle } from '../../components/row-list.js';

const DISABLED_TEXT = {
  gone: 'disabled: the receiver answered 410 Gone',
  failing: 'disabled: no successful delivery for 5 days',
} as const;

/** One subscription: its URL and events, state, a test ping, pause/enable, delete, and its delivery log. */
export function WebhookRow({
  webhook,
  canManage,
  onChanged,
}: {
  webhook: Webhook;
  canManage: boolean;
  onChanged: () => Promise<void>;
}) {
  const { client } = useSession();
  const [logOpen, setLogOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [ping, setPing] = useState<WebhookDelivery>();
  const deliveries = useLoad(
    () => (logOpen ? client.webhookDeliveries(webhook.id, { limit: 20 }) : Promise.resolve(undefined)),
    [client, webhook.id, logOpen],
  );
  const test = useAction();
  const toggle = useAction();
  const remove = useAction();
  const state = webhook.active
    ? 'active'
    : webhook.disabled_reason
      ? DISABLED_TEXT[webhook.disabled_reason]
      : 'paused';

  const sendTest = async () => {
    const attempt = await test.run(() => client.testWebhook(webhook.id));
    if (attempt) {
      setPing(attempt);
      if (logOpen) await deliveries.reload();
    }
  };
  const setActive = async (active: boolean) => {
    if (await toggle.run(() => client.updateWebhook(webhook.id, { active }))) await onChanged();
  };
  const confirmDelete = async () => {
    const done = await remove.run(async () => {
      await client.deleteWebhook(webhook.id);
      return true;
    });
    if (done) {
      setDeleting(false);
      await onChanged();
    }
  };

  return (
    <ListRow>
      <BlockStack gap="200">
        <RowTitle title={webhook.url} breakWord>
          <Badge
            tone={webhook.active ? 'success' : webhook.disabled_reason ? 'critical' : undefined}
            toneAndProgressLabelOverride="State"
          >
            {state}
          </Badge>
        </RowTitle>
        {webhook.description ? <Text as="p">{webhook.description}</Text> : null}
        <InlineStack gap="100" wrap>
          {webhook.events.map((event) => (
            <Badge key={event}>{event}</Badge>
          ))}
        </InlineStack>
        <Text as="p" variant="bodySm" tone="subdued">
          Created <TimeText value={webhook.created_at} />
          {webhook.disabled_at ? (
            <>
              {' · disabled '}
              <TimeText value={webhook.disabled_at} />
            </>
          ) : null}
        </Text>
        <ErrorBanner
          error={test.error ?? toggle.error}
          onDismiss={() => (test.clearError(), toggle.clearError())}
        />
        {ping ? (
          <div role="status">
            <Text as="p" tone={ping.succeeded ? 'success' : 'critical'}>
              {`Test ping ${ping.succeeded ? 'delivered' : 'failed'}: ${ping.status_code ? `HTTP ${ping.status_code}` : (ping.error ?? 'no answer')} in ${formatDuration(ping.duration_ms)}.`}
            </Text>
          </div>
        ) : null}
        <InlineStack gap="200" wrap>
          {canManage ? (
            <>
              <Button
                onClick={() => void sendTest()}
                loading={test.pending}
                accessibilityLabel={`Send test ping to ${webhook.url}`}
              >
                Send test ping
              </Button>
              <Button
                onClick={() => void setActive(!webhook.active)}
                loading={toggle.pending}
                accessibilityLabel={`${webhook.active ? 'Pause' : 'Enable'} ${webhook.url}`}
              >
                {webhook.active ? 'Pause' : 'Enable'}
              </Button>
            </>
          ) : null}
          <Button
            variant="plain"
            disclosure={logOpen ? 'up' : 'down'}
            onClick={() => setLogOpen((open) => !open)}
            ariaExpanded={logOpen}
            ariaControls={`log-${webhook.id}`}
            accessibilityLabel={`${logOpen ? 'Hide' : 'Show'} the delivery log of ${webhook.url}`}
          >
            Delivery log
          </Button>
          {canManage ? (
            <Button
              tone="critical"
              variant="plain"
              onClick={() => setDeleting(true)}
              accessibilityLabel={`Delete ${webhook.url}`}
            >
              Delete
            </Button>
          ) : null}
        </InlineStack>
        <Collapsible open={logOpen} id={`log-${webhook.id}`}>
          <BlockStack gap="200">
            <ErrorBanner error={deliveries.error} title="The delivery log could not load" />
            <InlineStack>
              <Button variant="plain" onClick={() => void deliveries.reload()} loading={deliveries.loading}>
                Refresh
              </Button>
            </InlineStack>
            {deliveries.data ? (
              <DeliveryList
                deliveries={deliveries.data.data}
                label={`Deliveries to ${webhook.url}`}
                canRedeliver={canManage}
                onRedelivered={() => void deliveries.reload()}
              />
            ) : null}
          </BlockStack>
        </Collapsible>
      </BlockStack>
      <Modal
        open={deleting}
        onClose={() => setDeleting(false)}
        title="Delete this subscription?"
        primaryAction={{
          content: 'Delete subscription',
          destructive: true,
          loading: remove.pending,
          onAction: () => void confirmDelete(),
        }}
        secondaryActions={[{ content: 'Cancel', onAction: () => setDeleting(false) }]}
      >
        <Modal.Section>
          <BlockStack gap="200">
            <ErrorBanner error={remove.error} />
            <Text as="p">
              {webhook.url} stops receiving events at once, and its delivery log is deleted. Pause it instead
              to keep the log.
            </Text>
          </BlockStack>
        </Modal.Section>
      </Modal>
    </ListRow>
  );
}
