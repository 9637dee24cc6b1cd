import { useState } from 'react';
import { BlockStack, Checkbox, ChoiceList, InlineError, Select, Text, TextField } from '@shopify/polaris';
import type { CreatedKey, HubClient, Scope } from '@pixport/shared';
import { fieldError } from '../../api/errors.js';
import { useAction } from '../../api/use-action.js';
import { FormModal } from '../../components/form-modal.js';
import { useAutofocus } from '../../components/use-autofocus.js';
import { EMPTY_KEY_FORM, EXPIRY_OPTIONS, keyRequest, SCOPE_LIST, type KeyForm } from './key-form.js';

/** Name, live/test, scopes with what each allows, expiry → the created key (shown once by the caller). */
export function CreateKeyModal({
  client,
  open,
  onClose,
  onCreated,
}: {
  client: HubClient;
  open: boolean;
  onClose: () => void;
  onCreated: (key: CreatedKey) => void;
}) {
  const [form, setForm] = useState<KeyForm>(EMPTY_KEY_FORM);
  const [problems, setProblems] = useState<ReturnType<typeof keyRequest>['problems']>();
  const action = useAction();
  const nameId = useAutofocus(open);
  const set = <K extends keyof KeyForm>(name: K, value: KeyForm[K]) =>
    setForm((current) => ({ ...current, [name]: value }));

  const close = () => {
    setForm(EMPTY_KEY_FORM);
    setProblems(undefined);
    action.clearError();
    onClose();
  };
  const submit = async () => {
    const request = keyRequest(form);
    setProblems(request.problems);
    if (!request.body) return;
    const created = await action.run(() => client.createKey(request.body));
    if (created) {
      setForm(EMPTY_KEY_FORM);
      onCreated(created);
    }
  };
  const toggleScope = (scope: Scope, checked: boolean) =>
    set('scopes', checked ? [...form.scopes, scope] : form.scopes.filter((entry) => entry !== scope));

  return (
    <FormModal
      open={open}
      title="Create an API key"
      submitLabel="Create key"
      pending={action.pending}
      error={action.error}
      onSubmit={() => void submit()}
      onClose={close}
    >
      <TextField
        id={nameId}
        label="Name"
        value={form.name}
        onChange={(value) => set('name', value)}
        autoComplete="off"
        helpText="Where the key is used, e.g. “Shop staging” or “WordPress plugin”."
        error={problems?.name ?? fieldError(action.error, 'name')}
      />
      <ChoiceList
        title="Mode"
        choices={[
          {
            label: 'Test',
            value: 'test',
            helpText: 'Free: spends no credits; outputs are small previews and the rate limit is lower.',
          },
          {
            label: 'Live',
            value: 'live',
            helpText: 'For production: full-size outputs; every request spends credits.',
          },
        ]}
        selected={[form.mode]}
        onChange={([mode]) => set('mode', mode as KeyForm['mode'])}
      />
      <ChoiceList
        title="Access"
        choices={[
          {
            label: 'Full access',
            value: 'all',
            helpText: 'Every scope, including ones added to the hub later.',
          },
          {
            label: 'Only the scopes I choose',
            value: 'chosen',
            helpText: 'Least privilege: a leaked key can do only this.',
          },
        ]}
        selected={[form.access]}
        onChange={([access]) => set('access', access as KeyForm['access'])}
      />
      {form.access === 'chosen' ? (
        <fieldset style={{ border: 0, margin: 0, padding: 0 }}>
          <legend>
            <Text as="span" variant="headingSm">
              Scopes
            </Text>
          </legend>
          <BlockStack gap="100">
            {SCOPE_LIST.map(({ scope, explanation }) => (
              <Checkbox
                key={scope}
                label={<code>{scope}</code>}
                helpText={explanation}
                checked={form.scopes.includes(scope)}
                onChange={(checked) => toggleScope(scope, checked)}
              />
            ))}
            {problems?.scopes ? <InlineError message={problems.scopes} fieldID="key-scopes" /> : null}
          </BlockStack>
        </fieldset>
      ) : null}
      <Select
        label="Expires"
        options={EXPIRY_OPTIONS}
        value={form.expiry}
        onChange={(value) => set('expiry', value as KeyForm['expiry'])}
      />
      {form.expiry === 'date' ? (
        <TextField
          label="Last day the key works (UTC)"
          type="date"
          value={form.date}
          onChange={(value) => set('date', value)}
          autoComplete="off"
          error={problems?.date ?? fieldError(action.error, 'expires_at')}
        />
      ) : null}
    </FormModal>
  );
}
