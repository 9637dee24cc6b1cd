import { useMemo, useState } from 'react';
import {
  Badge,
  BlockStack,
  Button,
  Card,
  Collapsible,
  InlineStack,
  Layout,
  Modal,
  Page,
  SkeletonBodyText,
  Text,
} from '@shopify/polaris';
import type { Preset } from '@pixport/shared';
import { useAction } from '../../api/use-action.js';
import { useLoad } from '../../api/use-load.js';
import { EmptyNote } from '../../components/empty-note.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { TimeText } from '../../components/time-text.js';
import { useCan, useSession } from '../../session/session.js';
import { hrefOf } from '../../shell/routes.js';
import { operationsOf, type ApiOperation } from '../endpoints/openapi-model.js';
import { valuesFromParams } from '../endpoints/request-form.js';
import { snippet } from '../endpoints/snippets.js';
import { CreatePresetModal } from './create-preset-modal.js';
import { operationRoute } from './preset-fields.js';
import { ListRow, RowList, RowTitle } from '../../components/row-list.js';

/** The request a preset stands for, as curl: its operation with its saved parameters and callback, on one file. */
export function presetCurl(operations: ApiOperation[], preset: Preset, baseUrl: string): string | undefined {
  const route = operationRoute(operations, preset.operation);
  if (!route) return undefined;
  const file = route.variant.fields.find((field) => field.kind === 'file' || field.kind === 'files');
  const values = {
    ...valuesFromParams(route.variant.fields, preset.params),
    ...(file
      ? {
          [file.name]:
            file.kind === 'files'
              ? ['frame1.png', 'frame2.png']
              : [file.name === 'video' ? 'clip.mp4' : 'product.jpg'],
        }
      : {}),
    ...(preset.webhook && route.operation.id === 'post /api/v1/jobs'
      ? { webhookUrl: preset.webhook.url, webhookEvents: preset.webhook.events }
      : {}),
  };
  return snippet('curl', {
    operation: route.operation,
    variant: route.variant,
    baseUrl,
    keyText: 'YOUR_API_KEY',
    values: values as never,
  });
}

/** Saved automation presets: operation + parameters + callback; apply one in the tester or by name in any request. */
export default function PresetsPanel() {
  const { client, openapi } = useSession();
  const canManage = useCan('developer');
  const operations = useMemo(() => operationsOf(openapi), [openapi]);
  const presets = useLoad(() => client.listPresets(), [client]);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Preset>();
  const [shown, setShown] = useState<string>();
  const remove = useAction();
  const list = presets.data?.data ?? [];

  const confirmDelete = async () => {
    if (!deleting) return;
    const done = await remove.run(async () => {
      await client.deletePreset(deleting.id);
      return true;
    });
    if (done) {
      setDeleting(undefined);
      await presets.reload();
    }
  };

  return (
    <Page
      title="Presets"
      subtitle="Saved operation + parameters + callback combinations: send preset=<name> with any request, or apply one in the tester."
      primaryAction={canManage ? { content: 'Save a preset', onAction: () => setCreating(true) } : undefined}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <ErrorBanner error={presets.error} title="The presets could not load" />
            <Card padding="0">
              {!presets.data && presets.loading ? (
                <div style={{ padding: 16 }}>
                  <SkeletonBodyText lines={4} />
                </div>
              ) : list.length === 0 ? (
                <EmptyNote
                  heading="No saved presets yet"
                  action={
                    canManage
                      ? { content: 'Save your first preset', onAction: () => setCreating(true) }
                      : undefined
                  }
                >
                  A preset keeps an operation’s settings (and a task callback) under a name, so every request
                  and plugin can reuse them.
                </EmptyNote>
              ) : (
                <RowList label="Presets">
                  {list.map((preset) => {
                    const curl = presetCurl(operations, preset, window.location.origin);
                    const open = shown === preset.id;
                    return (
                      <ListRow key={preset.id}>
                        <BlockStack gap="200">
                          <RowTitle title={preset.name}>
                            <Badge>{preset.operation}</Badge>
                            {preset.webhook ? (
                              <Badge tone="info">{`callback on ${preset.webhook.events.join(', ')}`}</Badge>
                            ) : null}
                          </RowTitle>
                          <Text as="p" variant="bodySm" tone="subdued" breakWord>
                            {Object.keys(preset.params).length
                              ? JSON.stringify(preset.params)
                              : 'No parameters: the operation’s defaults.'}
                            {preset.webhook ? ` · → ${preset.webhook.url}` : ''} · updated{' '}
                            <TimeText value={preset.updated_at} />
                          </Text>
                          <InlineStack gap="200" wrap>
                            <Button
                              url={`${hrefOf('endpoints')}?preset=${encodeURIComponent(preset.id)}`}
                              accessibilityLabel={`Use in the tester: ${preset.name}`}
                            >
                              Use in the tester
                            </Button>
                            {curl ? (
                              <Button
                                variant="plain"
                                onClick={() => setShown(open ? undefined : preset.id)}
                                ariaExpanded={open}
                                ariaControls={`curl-${preset.id}`}
                                accessibilityLabel={`Request preview of ${preset.name}`}
                              >
                                Request preview
                              </Button>
                            ) : null}
                            {canManage ? (
                              <Button
                                variant="plain"
                                tone="critical"
                                onClick={() => setDeleting(preset)}
                                accessibilityLabel={`Delete ${preset.name}`}
                              >
                                Delete
                              </Button>
                            ) : null}
                          </InlineStack>
                          <Collapsible open={open} id={`curl-${preset.id}`}>
                            <pre className="pxp-code" tabIndex={0} aria-label={`Request of ${preset.name}`}>
                              {curl}
                            </pre>
                          </Collapsible>
                        </BlockStack>
                      </ListRow>
                    );
                  })}
                </RowList>
              )}
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
      <CreatePresetModal
        client={client}
        operations={operations}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          void presets.reload();
        }}
      />
      <Modal
        open={Boolean(deleting)}
        onClose={() => setDeleting(undefined)}
        title={deleting ? `Delete ${deleting.name}?` : ''}
        primaryAction={{
          content: 'Delete preset',
          destructive: true,
          loading: remove.pending,
          onAction: () => void confirmDelete(),
        }}
        secondaryActions={[{ content: 'Cancel', onAction: () => setDeleting(undefined) }]}
      >
        <Modal.Section>
          <BlockStack gap="200">
            <ErrorBanner error={remove.error} />
            <Text as="p">Requests that name it (preset={deleting?.name}) will answer 422 from now on.</Text>
          </BlockStack>
        </Modal.Section>
      </Modal>
    </Page>
  );
}
