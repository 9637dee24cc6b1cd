import { useMemo, useState } from 'react';
import { ChoiceList, Select, Text, TextField } from '@shopify/polaris';
import { operationNames, TASK_WEBHOOK_EVENTS, type HubClient, type Preset } from '@pixport/shared';
import { fieldError } from '../../api/errors.js';
import { useAction } from '../../api/use-action.js';
import { FormModal } from '../../components/form-modal.js';
import { useAutofocus } from '../../components/use-autofocus.js';
import { FieldInput } from '../endpoints/field-input.js';
import type { ApiOperation } from '../endpoints/openapi-model.js';
import { paramsFromValues, type FormValues } from '../endpoints/request-form.js';
import { presetFields } from './preset-fields.js';

/** Name, operation, its parameters (the operation's own form), and an optional task callback. */
export function CreatePresetModal({
  client,
  operations,
  open,
  onClose,
  onCreated,
}: {
  client: HubClient;
  operations: ApiOperation[];
  open: boolean;
  onClose: () => void;
  onCreated: (preset: Preset) => void;
}) {
  const [name, setName] = useState('');
  const [operation, setOperation] = useState<string>('process');
  const [values, setValues] = useState<FormValues>({});
  const [webhookUrl, setWebhookUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['succeeded', 'failed']);
  const [secret, setSecret] = useState('');
  const fields = useMemo(() => presetFields(operations, operation), [operations, operation]);
  const action = useAction();
  const nameId = useAutofocus(open);

  const reset = () => {
    setName('');
    setValues({});
    setWebhookUrl('');
    setSecret('');
    action.clearError();
  };
  const submit = async () => {
    const preset = await action.run(() =>
      client.createPreset({
        name: name.trim(),
        operation,
        params: paramsFromValues(fields, values),
        ...(webhookUrl.trim()
          ? {
              webhook_url: webhookUrl.trim(),
              webhook_events: events as never,
              ...(secret ? { webhook_secret: secret } : {}),
            }
          : {}),
      }),
    );
    if (preset) {
      reset();
      onCreated(preset);
    }
  };

  return (
    <FormModal
      open={open}
      title="Save a preset"
      submitLabel="Save preset"
      pending={action.pending}
      error={action.error}
      onSubmit={() => void submit()}
      onClose={() => (reset(), onClose())}
    >
      <TextField
        id={nameId}
        label="Name"
        value={name}
        onChange={setName}
        autoComplete="off"
        helpText="Requests apply it with preset=<name>, e.g. amazon-main-white."
        error={fieldError(action.error, 'name')}
      />
      <Select
        label="Operation"
        options={operationNames.map((value) => ({ label: value, value }))}
        value={operation}
        onChange={(next) => {
          setOperation(next);
          setValues({});
        }}
      />
      <Text as="h3" variant="headingSm">
        Parameters (leave a field empty for the hub’s default; requests can still override each one)
      </Text>
      {fields.map((field) => (
        <FieldInput
          key={field.name}
          field={field}
          value={values[field.name]}
          error={fieldError(action.error, field.name)}
          onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
        />
      ))}
      <TextField
        label="Callback URL of tasks"
        type="url"
        value={webhookUrl}
        onChange={setWebhookUrl}
        autoComplete="off"
        helpText="Optional: tasks submitted with this preset POST their result here when they end."
        error={fieldError(action.error, 'webhook_url')}
      />
      {webhookUrl.trim() ? (
        <>
          <ChoiceList
            title="Callback events"
            allowMultiple
            choices={TASK_WEBHOOK_EVENTS.map((event) => ({ label: event, value: event }))}
            selected={events}
            onChange={setEvents}
          />
          <TextField
            label="Callback secret"
            type="password"
            value={secret}
            onChange={setSecret}
            autoComplete="new-password"
            helpText="Optional, 8+ characters: signs the callbacks. Stored encrypted; never shown again."
          />
        </>
      ) : null}
    </FormModal>
  );
}
