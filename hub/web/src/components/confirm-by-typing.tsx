import { useState } from 'react';
import { BlockStack, Modal, Text, TextField } from '@shopify/polaris';
import type { ErrorReport } from '../api/errors.js';
import { ErrorBanner } from './error-banner.js';
import { useAutofocus } from './use-autofocus.js';

/** A destructive action that only unlocks once the user has typed the exact `phrase`. */
export function ConfirmByTyping({
  open,
  title,
  phrase,
  consequence,
  actionLabel,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  phrase: string;
  consequence: React.ReactNode;
  actionLabel: string;
  pending: boolean;
  error?: ErrorReport;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const [typed, setTyped] = useState('');
  const inputId = useAutofocus(open);
  const matches = typed.trim() === phrase;
  const close = () => {
    setTyped('');
    onClose();
  };
  return (
    <Modal
      open={open}
      onClose={close}
      title={title}
      primaryAction={{
        content: actionLabel,
        destructive: true,
        disabled: !matches,
        loading: pending,
        onAction: onConfirm,
      }}
      secondaryActions={[{ content: 'Cancel', onAction: close }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          <ErrorBanner error={error} />
          <Text as="p">{consequence}</Text>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (matches && !pending) onConfirm();
            }}
          >
            <TextField
              label={
                <>
                  Type <b>{phrase}</b> to confirm
                </>
              }
              id={inputId}
              value={typed}
              onChange={setTyped}
              autoComplete="off"
            />
          </form>
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
