import { useState } from 'react';
import { BlockStack, Card, Layout, Page, SkeletonBodyText } from '@shopify/polaris';
import type { CatalogItem } from '@pixport/shared';
import { useLoad } from '../../api/use-load.js';
import { EmptyNote } from '../../components/empty-note.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useCan, useSession } from '../../session/session.js';
import { CatalogCard } from './catalog-card.js';
import { ConnectModal } from './connect-modal.js';
import { IntegrationRow } from './integration-row.js';
import { PublishActivity } from './publish-activity.js';
import { PublishModal } from './publish-modal.js';
import { RowList } from '../../components/row-list.js';

/** Marketplace connections: connect, verify, sync with progress, the synced catalog, direct publish and its activity. */
export default function IntegrationsPanel() {
  const { client, openapi, capabilities } = useSession();
  const canManage = useCan('developer');
  const integrations = useLoad(() => client.listIntegrations(), [client]);
  const [connecting, setConnecting] = useState(false);
  const [selectedId, setSelectedId] = useState<string>();
  const [publishing, setPublishing] = useState<CatalogItem>();
  const [activityVersion, setActivityVersion] = useState(0);
  const list = integrations.data?.data ?? [];
  const selected = list.find((integration) => integration.id === selectedId) ?? list[0];
  const canPublish = canManage && capabilities.has('post /api/v1/publish');
  const reload = async () => {
    await integrations.reload();
  };

  return (
    <Page
      title="Integrations"
      subtitle="Shopify, WooCommerce and an Amazon bridge: sync the catalog, then publish processed images straight to products."
      primaryAction={
        canManage ? { content: 'Connect a marketplace', onAction: () => setConnecting(true) } : undefined
      }
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <ErrorBanner error={integrations.error} title="The integrations could not load" />
            <Card padding="0">
              {!integrations.data && integrations.loading ? (
                <div style={{ padding: 16 }}>
                  <SkeletonBodyText lines={4} />
                </div>
              ) : list.length === 0 ? (
                <EmptyNote
                  heading="No marketplace connected yet"
                  action={
                    canManage
                      ? { content: 'Connect a marketplace', onAction: () => setConnecting(true) }
                      : undefined
                  }
                >
                  Connect a store with its API credentials (encrypted at rest, only ever shown masked), verify
                  them, then sync its catalog.
                </EmptyNote>
              ) : (
                <RowList label="Integrations">
                  {list.map((integration) => (
                    <IntegrationRow
                      key={integration.id}
                      integration={integration}
                      canManage={canManage}
                      selected={integration.id === selected?.id}
                      onSelect={() => setSelectedId(integration.id)}
                      onChanged={reload}
                    />
                  ))}
                </RowList>
              )}
            </Card>
            {selected && capabilities.has('get /api/v1/catalog') ? (
              <CatalogCard
                key={selected.id}
                integration={selected}
                canPublish={canPublish}
                onPublish={setPublishing}
              />
            ) : null}
            {capabilities.has('get /api/v1/publish/events') ? (
              <PublishActivity version={activityVersion} />
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
      <ConnectModal
        client={client}
        openapi={openapi}
        open={connecting}
        onClose={() => setConnecting(false)}
        onConnected={(integration) => {
          setConnecting(false);
          setSelectedId(integration.id);
          void reload();
        }}
      />
      {selected ? (
        <PublishModal
          client={client}
          integration={selected}
          item={publishing}
          onClose={() => setPublishing(undefined)}
          onPublished={() => {
            setPublishing(undefined);
            setActivityVersion((version) => version + 1);
          }}
        />
      ) : null}
    </Page>
  );
}
