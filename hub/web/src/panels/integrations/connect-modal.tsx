import { useMemo, useState } from 'react';
import { Select, TextField } from '@shopify/polaris';
import type { HubClient, Integration } from '@pixport/shared';
import type { OpenApiDocument } from '../../api/capabilities.js';
import { fieldError } from '../../api/errors.js';
import { useAction } from '../../api/use-action.js';
import { FormModal } from '../../components/form-modal.js';
import { useAutofocus } from '../../components/use-autofocus.js';
import { fieldHelp } from '../endpoints/field-input.js';
import { credentialLabel, isSecretField, marketplaceForms } from './credential-fields.js';

const LABELS: Record<string, string> = {
  shopify: 'Shopify',
  woocommerce: 'WooCommerce',
  'amazon-bridge': 'Amazon (your bridge)',
};
export const marketplaceLabel = (marketplace: string) => LABELS[marketplace] ?? marketplace;

/** Marketplace, a name, its credentials (secrets in password fields; the hub encrypts them and answers them masked). */
export function ConnectModal({
  client,
  openapi,
  open,
  onClose,
  onConnected,
}: {
  client: HubClient;
  openapi: OpenApiDocument;
  open: boolean;
  onClose: () => void;
  onConnected: (integration: Integration) => void;
}) {
  const forms = useMemo(() => marketplaceForms(openapi), [openapi]);
  const [marketplace, setMarketplace] = useState(forms[0]?.marketplace ?? '');
  const [name, setName] = useState('');
  const [credentials, setCredentials] = useState<Record<string, string>>({});
  const action = useAction();
  const marketplaceId = useAutofocus(open);
  const fields = forms.find((form) => form.marketplace === marketplace)?.fields ?? [];

  const reset = () => {
    setName('');
    setCredentials({});
    action.clearError();
  };
  const submit = async () => {
    const filled = Object.fromEntries(
      Object.entries(credentials)
        .filter(([, value]) => value.trim() !== '')
        .map(([key, value]) => [key, value.trim()]),
    );
    const integration = await action.run(() =>
      client.createIntegration({
        marketplace,
        name: name.trim() || marketplaceLabel(marketplace),
        credentials: filled,
      } as never),
    );
    if (integration) {
      reset();
      onConnected(integration);
    }
  };

  return (
    <FormModal
      open={open}
      title="Connect a marketplace"
      submitLabel="Connect"
      pending={action.pending}
      error={action.error}
      onSubmit={() => void submit()}
      onClose={() => (reset(), onClose())}
    >
      <Select
        id={marketplaceId}
        label="Marketplace"
        options={forms.map((form) => ({
          label: marketplaceLabel(form.marketplace),
          value: form.marketplace,
        }))}
        value={marketplace}
        onChange={(next) => {
          setMarketplace(next);
          setCredentials({});
        }}
      />
      <TextField
        label="Name"
        value={name}
        onChange={setName}
        autoComplete="off"
        placeholder={marketplaceLabel(marketplace)}
        helpText="How this connection is listed, e.g. the store’s name."
      />
      {fields.map((field) => (
        <TextField
          key={`${marketplace}-${field.name}`}
          label={credentialLabel(field.name)}
          type={isSecretField(field.name) ? 'password' : 'text'}
          value={credentials[field.name] ?? ''}
          onChange={(value) => setCredentials((current) => ({ ...current, [field.name]: value }))}
          autoComplete={isSecretField(field.name) ? 'new-password' : 'off'}
          requiredIndicator={field.required}
          helpText={fieldHelp(field)}
          error={fieldError(action.error, field.name)}
        />
      ))}
    </FormModal>
  );
}
