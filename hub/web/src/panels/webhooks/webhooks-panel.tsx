import { useState } from 'react';
import { BlockStack, Card, Layout, Page, SkeletonBodyText, Text } from '@shopify/polaris';
import type { CreatedWebhook } from '@pixport/shared';
import { useLoad } from '../../api/use-load.js';
import { EmptyNote } from '../../components/empty-note.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { SecretOnceModal } from '../../components/secret-once-modal.js';
import { useCan, useSession } from '../../session/session.js';
import { CreateWebhookModal } from './create-webhook-modal.js';
import { DeliveryList } from './delivery-list.js';
import { SignatureChecker } from './signature-checker.js';
import { WebhookRow } from './webhook-row.js';
import { RowList } from '../../components/row-list.js';

/** Account-level subscriptions with their delivery logs, recent deliveries of every kind, and the signature checker. */
export default function WebhooksPanel() {
  const { client } = useSession();
  const canManage = useCan('developer');
  const webhooks = useLoad(() => client.listWebhooks(), [client]);
  const events = useLoad(() => client.webhookEvents(), [client]);
  const recent = useLoad(() => client.allWebhookDeliveries({ limit: 10 }), [client]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedWebhook>();
  const list = webhooks.data?.data ?? [];
  const reload = async () => {
    await Promise.all([webhooks.reload(), recent.reload()]);
  };

  return (
    <Page
      title="Webhooks"
      subtitle="Signed POSTs to your endpoint when tasks end, credits run low, keys expire or publishing finishes."
      primaryAction={
        canManage
          ? { content: 'Add subscription', onAction: () => setCreating(true), disabled: !events.data }
          : undefined
      }
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <ErrorBanner error={webhooks.error} title="The subscriptions could not load" />
            <ErrorBanner error={events.error} title="The event catalogue could not load" />
            <Card padding="0">
              {!webhooks.data && webhooks.loading ? (
                <div style={{ padding: 16 }}>
                  <SkeletonBodyText lines={4} />
                </div>
              ) : list.length === 0 ? (
                <EmptyNote
                  heading="No webhook subscriptions yet"
                  action={
                    canManage
                      ? { content: 'Add a subscription', onAction: () => setCreating(true) }
                      : undefined
                  }
                >
                  Subscribe a URL to events; every delivery is signed (Standard Webhooks) and logged here with
                  the receiver's answer.
                </EmptyNote>
              ) : (
                <RowList label="Webhook subscriptions">
                  {list.map((webhook) => (
                    <WebhookRow key={webhook.id} webhook={webhook} canManage={canManage} onChanged={reload} />
                  ))}
                </RowList>
              )}
            </Card>
            <Card padding="0">
              <div style={{ padding: '16px 16px 0' }}>
                <BlockStack gap="100">
                  <Text as="h2" variant="headingMd">
                    Recent deliveries
                  </Text>
                  <Text as="p" tone="subdued">
                    Every attempt of this organization, per-task callbacks (webhookUrl) included.
                  </Text>
                </BlockStack>
              </div>
              <ErrorBanner error={recent.error} title="The deliveries could not load" />
              {recent.data ? (
                <DeliveryList
                  deliveries={recent.data.data}
                  label="Recent deliveries"
                  canRedeliver={canManage}
                  onRedelivered={() => void recent.reload()}
                />
              ) : null}
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <SignatureChecker />
        </Layout.Section>
      </Layout>
      <CreateWebhookModal
        client={client}
        open={creating}
        events={events.data?.data ?? []}
        onClose={() => setCreating(false)}
        onCreated={(webhook) => {
          setCreating(false);
          setCreated(webhook);
          void reload();
        }}
      />
      <SecretOnceModal
        open={Boolean(created)}
        title="Subscription added"
        label="Signing secret"
        secret={created?.secret ?? ''}
        warning="Your receiver needs it to verify each delivery (webhook-signature, or X-Pixport-Signature). The hub stores it encrypted and never shows it again."
        closeLabel="I have stored the secret"
        onClose={() => setCreated(undefined)}
      />
    </Page>
  );
}
