import { Text } from '@shopify/polaris';
import type { CreatedKey } from '@pixport/shared';
import { SecretOnceModal } from '../../components/secret-once-modal.js';

/** The full key, this one time. */
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
    <SecretOnceModal
      open={Boolean(created)}
      title={created ? `Your new key “${created.name}”` : ''}
      label="API key"
      secret={created?.key ?? ''}
      warning="Pixport keeps only a hash of it. If you lose it, rotate the key to get a new one. Store it in a secret manager or your server’s environment, never in front-end code."
      closeLabel="I have stored the key"
      onClose={onClose}
    >
      {created ? (
        <Text as="p" tone="subdued">
          Listed from now on as <code>{created.masked}</code> ({created.mode}
          {created.scopes.length ? `, scopes: ${created.scopes.join(', ')}` : ', all scopes'}).
        </Text>
      ) : null}
      {note ? <Text as="p">{note}</Text> : null}
    </SecretOnceModal>
  );
}
