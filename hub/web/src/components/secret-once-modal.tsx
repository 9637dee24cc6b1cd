import { Banner, BlockStack, Modal, Text } from '@shopify/polaris';
import { CopyField } from './copy-field.js';

/**
 * A secret shown this one time (a new API key, a webhook signing secret). It lives only in the caller's state:
 * closing the dialog drops it; nothing writes it to storage, a URL or the console.
 */
export function SecretOnceModal({
  open,
  title,
  label,
  secret,
  warning,
  children,
  closeLabel,
  onClose,
}: {
  open: boolean;
  title: string;
  label: string;
  secret: string;
  warning: string;
  children?: React.ReactNode;
  closeLabel: string;
  onClose: () => void;
}) {
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={title}
      primaryAction={{ content: closeLabel, onAction: onClose }}
    >
      {open ? (
        <Modal.Section>
          <BlockStack gap="400">
            <Banner tone="warning" title={`Copy the ${label} now: it is shown only once`}>
              <Text as="p">{warning}</Text>
            </Banner>
            <CopyField label={label} value={secret} />
            {children}
          </BlockStack>
        </Modal.Section>
      ) : null}
    </Modal>
  );
}
