import { useState } from 'react';
import { BlockStack, Modal, Select, Text } from '@shopify/polaris';
import type { CreatedKey, HubClient, KeySummary } from '@pixport/shared';
import { useAction } from '../../api/use-action.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { GRACE_OPTIONS, rotationOutcome } from './key-form.js';

/** Rotate: a new key with the same settings (shown once by the caller); the old one stops now or after a grace period. */
export function RotateKeyModal({
  client,
  target,
  onClose,
  onRotated,
}: {
  client: HubClient;
  target: KeySummary | undefined;
  onClose: () => void;
  onRotated: (key: CreatedKey, outcome: string) => void;
}) {
  const [grace, setGrace] = useState('0');
  const action = useAction();
  const close = () => {
    setGrace('0');
    action.clearError();
    onClose();
  };
  const rotate = async () => {
    if (!target) return;
    const outcome = rotationOutcome(target, Number(grace));
    const rotated = await action.run(() => client.rotateKey(target.id, Number(grace)));
    if (rotated) {
      setGrace('0');
      onRotated(rotated.key, outcome);
    }
  };
  return (
    <Modal
      open={Boolean(target)}
      onClose={close}
      title={target ? `Rotate “${target.name}”` : ''}
      primaryAction={{ content: 'Rotate key', loading: action.pending, onAction: () => void rotate() }}
      secondaryActions={[{ content: 'Cancel', onAction: close }]}
    >
      {target ? (
        <Modal.Section>
          <BlockStack gap="300">
            <ErrorBanner error={action.error} />
            <Text as="p">
              Rotation creates a new key with the same name, mode, scopes and expiry, and shows it once. Use a
              grace period when the old key is deployed somewhere: both keys work until it ends.
            </Text>
            <Select label="Old key stops working" options={GRACE_OPTIONS} value={grace} onChange={setGrace} />
            <Text as="p" tone="subdued">
              {rotationOutcome(target, Number(grace))}
            </Text>
          </BlockStack>
        </Modal.Section>
      ) : null}
    </Modal>
  );
}
