import { useEffect, useState } from 'react';
import { Badge, BlockStack, Button, InlineStack, ProgressBar, Text } from '@shopify/polaris';
import type { CatalogSync, Integration } from '@pixport/shared';
import { describeError, type ErrorReport } from '../../api/errors.js';
import { useAction } from '../../api/use-action.js';
import { usePolling } from '../../api/use-polling.js';
import { ConfirmByTyping } from '../../components/confirm-by-typing.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { formatNumber } from '../../components/format.js';
import { TimeText } from '../../components/time-text.js';
import { useSession } from '../../session/session.js';
import { marketplaceLabel } from './connect-modal.js';
import { credentialLabel } from './credential-fields.js';
import { ListRow, RowTitle } from '../../components/row-list.js';

const STATUS_TONE = { verified: 'success', invalid: 'critical', unverified: 'attention', paused: 'info' } as const;
const running = (sync: CatalogSync | null | undefined) =>
  sync?.status === 'queued' || sync?.status === 'running';

/** One connection: marketplace, state, masked credentials, verify, catalog sync with live progress, delete. */
export function IntegrationRow({
  integration,
  canManage,
  selected,
  onSelect,
  onChanged,
}: {
  integration: Integration;
  canManage: boolean;
  selected: boolean;
  onSelect: () => void;
  onChanged: () => Promise<void>;
}) {
  const { client } = useSession();
  const [sync, setSync] = useState<CatalogSync | null>(integration.sync);
  const [deleting, setDeleting] = useState(false);
  const verify = useAction();
  const startSync = useAction();
  const remove = useAction();
  // The list reloads after a change: take its newer sync state.
  useEffect(() => setSync(integration.sync), [integration.sync]);
  const current = sync;

  // A failed poll shows the hub's message and request id (and polling goes on, so it clears when the hub answers).
  const [pollError, setPollError] = useState<ErrorReport>();
  usePolling(running(current), 1000, async () => {
    try {
      const next = await client.syncStatus(integration.id);
      setSync(next);
      setPollError(undefined);
      if (!running(next)) await onChanged();
    } catch (error) {
      setPollError(describeError(error));
    }
  });

  const runVerify = async () => {
    if (await verify.run(() => client.verifyIntegration(integration.id))) await onChanged();
  };
  const runSync = async (full: boolean) => {
    const started = await startSync.run(() => client.syncIntegration(integration.id, { full }));
    if (started) setSync(started);
  };
  const confirmDelete = async () => {
    const done = await remove.run(async () => {
      await client.deleteIntegration(integration.id);
      return true;
    });
    if (done) {
      setDeleting(false);
      await onChanged();
    }
  };
  const progress = current?.total
    ? Math.round((current.fetched / current.total) * 100)
    : running(current)
      ? 10
      : 100;

  return (
    <ListRow>
      <BlockStack gap="200">
        <RowTitle title={integration.name}>
          <Badge>{marketplaceLabel(integration.marketplace)}</Badge>
          <Badge tone={STATUS_TONE[integration.status]} toneAndProgressLabelOverride="Credentials">
            {integration.status}
          </Badge>
        </RowTitle>
        <Text as="p" variant="bodySm" tone="subdued" breakWord>
          {integration.account ? `Account ${integration.account} · ` : ''}
          {Object.entries(integration.credentials)
            .map(([name, value]) => `${credentialLabel(name)}: ${value}`)
            .join(' · ')}
          {integration.verified_at ? (
            <>
              {' · verified '}
              <TimeText value={integration.verified_at} />
            </>
          ) : null}
        </Text>
        {integration.last_error ? (
          <Text as="p" tone="critical">
            <code>{integration.last_error.code}</code>: {integration.last_error.message}
          </Text>
        ) : null}
        {current ? (
          <BlockStack gap="100">
            <Text as="p" variant="bodySm" id={`sync-${integration.id}`}>
              {`Catalog sync (${current.mode}${current.strategy ? `, ${current.strategy}` : ''}): ${current.status}, ${formatNumber(current.fetched)}${current.total ? ` of ${formatNumber(current.total)}` : ''} products read; ${formatNumber(current.products)} in the catalog`}
              {current.last_success_at ? (
                <>
                  {' · last success '}
                  <TimeText value={current.last_success_at} />
                </>
              ) : null}
            </Text>
            {running(current) ? (
              <ProgressBar progress={progress} size="small" ariaLabelledBy={`sync-${integration.id}`} />
            ) : null}
            {current.error ? (
              <Text as="p" tone="critical">
                {current.error.message}
              </Text>
            ) : null}
          </BlockStack>
        ) : (
          <Text as="p" variant="bodySm" tone="subdued">
            Not synced yet: sync to see the catalog and publish to it.
          </Text>
        )}
        <ErrorBanner
          error={verify.error ?? startSync.error ?? pollError}
          onDismiss={() => (verify.clearError(), startSync.clearError(), setPollError(undefined))}
        />
        <InlineStack gap="200" wrap>
          <Button
            onClick={onSelect}
            pressed={selected}
            accessibilityLabel={`Show catalog: ${integration.name}`}
          >
            Show catalog
          </Button>
          {canManage ? (
            <>
              <Button
                onClick={() => void runVerify()}
                loading={verify.pending}
                accessibilityLabel={`Verify ${integration.name}`}
              >
                Verify
              </Button>
              <Button
                onClick={() => void runSync(false)}
                loading={startSync.pending}
                disabled={running(current)}
                accessibilityLabel={`Sync ${integration.name}`}
              >
                Sync
              </Button>
              <Button
                variant="plain"
                onClick={() => void runSync(true)}
                disabled={running(current)}
                accessibilityLabel={`Full sync of ${integration.name}`}
              >
                Full sync
              </Button>
              <Button
                variant="plain"
                tone="critical"
                onClick={() => setDeleting(true)}
                accessibilityLabel={`Disconnect ${integration.name}`}
              >
                Disconnect
              </Button>
            </>
          ) : null}
        </InlineStack>
      </BlockStack>
      <ConfirmByTyping
        open={deleting}
        title={`Disconnect ${integration.name}?`}
        phrase={integration.name}
        consequence="Its credentials and its synced catalog are deleted. Nothing changes on the marketplace; publish activity stays."
        actionLabel="Disconnect"
        pending={remove.pending}
        error={remove.error}
        onConfirm={() => void confirmDelete()}
        onClose={() => (remove.clearError(), setDeleting(false))}
      />
    </ListRow>
  );
}
