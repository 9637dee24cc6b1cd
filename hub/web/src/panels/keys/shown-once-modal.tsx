import { Banner, BlockStack, Modal, Text } from '@shopify/polaris';
import type { CreatedKey } from '@pixport/shared';
import { CopyField } from '../../components/copy-field.js';

/**
 * The full key, this one time. It lives only in this dialog's props: closing it drops the last reference,
 * and nothing writes it to storage, the URL or the console.
 */
export function ShownOnceModal({
  created,
  note,
  onClose,
}: {
  created: CreatedKey | undefined;
  note?: string;
  onClose: () => void;
}) {
  return (
    <Modal
      open={Boolean(created)}
      onClose={onClose}
      title={created ? `Your new key “${created.name}”` : ''}
      primaryAction={{ content: 'I have stored the key', onAction: onClose }}
    >
      {created ? (
        <Modal.Section>
          <BlockStack gap="400">
            <Banner tone="warning" title="Copy the key now: it is shown only once">
              <Text as="p">
                Pixport keeps only a hash of it. If you lose it, rotate the key to get a new one. Store it in
                a secret manager or your server’s environment, never in front-end code.
              </Text>
            </Banner>
            <CopyField label="API key" value={created.key} />
            <Text as="p" tone="subdued">
              Listed from now on as <code>{created.masked}</code> ({created.mode}
              {created.scopes.length ? `, scopes: ${created.scopes.join(', ')}` : ', all scopes'}).
            </Text>
            {note ? <Text as="p">{note}</Text> : null}
          </BlockStack>
        </Modal.Section>
      ) : null}
    </Modal>
  );
}
