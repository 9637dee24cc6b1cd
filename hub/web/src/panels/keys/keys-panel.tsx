import { useState } from 'react';
import { Banner, BlockStack, Card, Layout, Modal, Page, SkeletonBodyText, Text } from '@shopify/polaris';
import type { CreatedKey, KeySummary } from '@pixport/shared';
import { useAction } from '../../api/use-action.js';
import { useLoad } from '../../api/use-load.js';
import { ConfirmByTyping } from '../../components/confirm-by-typing.js';
import { EmptyNote } from '../../components/empty-note.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useCan, useSession } from '../../session/session.js';
import { CreateKeyModal } from './create-key-modal.js';
import { KeyRow } from './key-row.js';
import { RotateKeyModal } from './rotate-key-modal.js';
import { ShownOnceModal } from './shown-once-modal.js';
import { RowList } from '../../components/row-list.js';

/** Create (shown once), list masked, rotate with grace, revoke, delete with typed confirmation. */
export default function KeysPanel() {
  const { client } = useSession();
  const canManage = useCan('developer');
  const keys = useLoad(() => client.listKeys(), [client]);
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<{ key: CreatedKey; note?: string }>();
  const [rotating, setRotating] = useState<KeySummary>();
  const [revoking, setRevoking] = useState<KeySummary>();
  const [deleting, setDeleting] = useState<KeySummary>();
  const revoke = useAction();
  const remove = useAction();

  const list = keys.data?.data ?? [];
  const confirmRevoke = async () => {
    if (!revoking) return;
    if (await revoke.run(() => client.updateKey(revoking.id, { active: false }))) {
      setRevoking(undefined);
      await keys.reload();
    }
  };
  const confirmDelete = async () => {
    if (!deleting) return;
    const done = await remove.run(async () => {
      await client.deleteKey(deleting.id);
      return true;
    });
    if (done) {
      setDeleting(undefined);
      await keys.reload();
    }
  };

  return (
    <Page
      title="API keys"
      subtitle="Keys authenticate API requests (X-API-Key or Bearer). Managing them needs this signed-in session, never a key."
      primaryAction={canManage ? { content: 'Create API key', onAction: () => setCreating(true) } : undefined}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {!canManage ? (
              <Banner tone="info">Your role (viewer) can see keys but not create or change them.</Banner>
            ) : null}
            <ErrorBanner error={keys.error} title="The keys could not load" />
            <Card padding="0">
              {!keys.data && keys.loading ? (
                <div style={{ padding: 16 }}>
                  <SkeletonBodyText lines={5} />
                </div>
              ) : list.length === 0 ? (
                <EmptyNote
                  heading="No API keys yet"
                  action={
                    canManage
                      ? { content: 'Create your first key', onAction: () => setCreating(true) }
                      : undefined
                  }
                >
                  A key lets a server, the WordPress plugin or the Shopify app call this hub. It is shown once
                  when created.
                </EmptyNote>
              ) : (
                <RowList label="API keys">
                  {list.map((key) => (
                    <KeyRow
                      key={key.id}
                      apiKey={key}
                      canManage={canManage}
                      onRotate={() => setRotating(key)}
                      onRevoke={() => setRevoking(key)}
                      onDelete={() => setDeleting(key)}
                    />
                  ))}
                </RowList>
              )}
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>

      <CreateKeyModal
        client={client}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(key) => {
          setCreating(false);
          setShown({ key });
          void keys.reload();
        }}
      />
      <RotateKeyModal
        client={client}
        target={rotating}
        onClose={() => setRotating(undefined)}
        onRotated={(key, note) => {
          setRotating(undefined);
          setShown({ key, note });
          void keys.reload();
        }}
      />
      <ShownOnceModal created={shown?.key} note={shown?.note} onClose={() => setShown(undefined)} />
      <Modal
        open={Boolean(revoking)}
        onClose={() => {
          revoke.clearError();
          setRevoking(undefined);
        }}
        title={revoking ? `Revoke “${revoking.name}”?` : ''}
        primaryAction={{
          content: 'Revoke key',
          destructive: true,
          loading: revoke.pending,
          onAction: () => void confirmRevoke(),
        }}
        secondaryActions={[{ content: 'Cancel', onAction: () => setRevoking(undefined) }]}
      >
        <Modal.Section>
          <BlockStack gap="300">
            <ErrorBanner error={revoke.error} />
            <Text as="p">
              Requests with <code>{revoking?.masked}</code> will answer 401 <code>key_revoked</code> from now
              on. This cannot be undone; the key stays listed (with its usage) until you delete it.
            </Text>
          </BlockStack>
        </Modal.Section>
      </Modal>
      <ConfirmByTyping
        open={Boolean(deleting)}
        title={deleting ? `Delete “${deleting.name}”?` : ''}
        phrase={deleting?.name ?? ''}
        consequence={
          <>
            The key <code>{deleting?.masked}</code> stops working at once and disappears from this list. Its
            past requests stay in the usage logs. This cannot be undone.
          </>
        }
        actionLabel="Delete key"
        pending={remove.pending}
        error={remove.error}
        onConfirm={() => void confirmDelete()}
        onClose={() => {
          remove.clearError();
          setDeleting(undefined);
        }}
      />
    </Page>
  );
}
