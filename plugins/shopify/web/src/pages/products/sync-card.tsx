import { useEffect } from 'react';
import { useApi } from '../../api/api-context.js';
import { useAction } from '../../api/use-action.js';
import { useLoad } from '../../api/use-load.js';
import { usePolling } from '../../api/use-polling.js';
import { toast } from '../../bridge/shopify.js';
import { count, dateTime } from '../../format.js';
import { Button, Card, ErrorBanner, InlineSpinner, Stack, Text } from '../../ui/index.js';

/** "Sync catalog" and its progress; polls while a sync runs and tells the list when it is done. */
export function SyncCard({ onSynced }: { onSynced: () => void }) {
  const api = useApi();
  const state = useLoad(() => api.syncState(), [api]);
  const start = useAction();
  const running = state.data?.status === 'running';
  usePolling(running, 1000, () => state.reload());

  const status = state.data?.status;
  useEffect(() => {
    if (status === 'succeeded') onSynced();
    // onSynced is the parent's reload: run it when a sync finishes, not when the parent re-renders.
  }, [status]);

  const sync = async () => {
    const started = await start.run(() => api.startSync());
    if (started) {
      toast('Catalog sync started');
      await state.reload();
    }
  };

  const data = state.data;
  return (
    <Card
      title="Catalog"
      headerAction={
        <Button onClick={() => void sync()} loading={start.pending} disabled={running}>
          {running ? 'Syncing…' : 'Sync catalog'}
        </Button>
      }
    >
      <ErrorBanner error={start.error ?? state.error} title="Catalog sync" onDismiss={start.clearError} />
      {running ? (
        // Shopify does not say how many products there are before the sync has read them: a count, not a bar.
        <Stack direction="row" gap="tight">
          <InlineSpinner label="Syncing" />
          <Text>{`Reading your products from Shopify: ${count(data!.fetched)} so far`}</Text>
        </Stack>
      ) : data?.status === 'failed' ? (
        <Text tone="critical">{`The last sync failed: ${data.error ?? 'unknown error'}. Try again.`}</Text>
      ) : data?.status === 'succeeded' ? (
        <Text tone="subdued">{`Last synced ${dateTime(data.finished_at)}: ${count(data.fetched)} products.`}</Text>
      ) : data ? (
        <Text tone="subdued">Not synced yet. Sync to bring your products and their images into Pixport.</Text>
      ) : null}
    </Card>
  );
}
