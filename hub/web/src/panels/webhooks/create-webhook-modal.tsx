import { useState } from 'react';
import { ChoiceList, TextField } from '@shopify/polaris';
import type { CreatedWebhook, HubClient, WebhookEventInfo } from '@pixport/shared';
import { fieldError } from '../../api/errors.js';
import { useAction } from '../../api/use-action.js';
import { FormModal } from '../../components/form-modal.js';
import { useAutofocus } from '../../components/use-autofocus.js';

/** URL, events (each with what it means), optional own secret → the created subscription with its secret, once. */
export function CreateWebhookModal({
  client,
  open,
  events,
  onClose,
  onCreated,
}: {
  client: HubClient;
  open: boolean;
  events: WebhookEventInfo[];
  onClose: () => void;
  onCreated: (created: CreatedWebhook) => void;
}) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<string[]>(['task.succeeded', 'task.failed']);
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<string>();
  const action = useAction();
  const urlId = useAutofocus(open);

  const reset = () => {
    setUrl('');
    setDescription('');
    setSecret('');
    setProblem(undefined);
    action.clearError();
  };
  const submit = async () => {
    if (!url.trim()) return setProblem('Enter the URL that receives the events.');
    if (chosen.length === 0) return setProblem('Choose at least one event.');
    setProblem(undefined);
    const created = await action.run(() =>
      client.createWebhook({
        url: url.trim(),
        events: chosen as never,
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(secret.trim() ? { secret: secret.trim() } : {}),
      }),
    );
    if (created) {
      reset();
      onCreated(created);
    }
  };

  return (
    <FormModal
      open={open}
      title="Add a webhook subscription"
      submitLabel="Add subscription"
      pending={action.pending}
      error={action.error}
      onSubmit={() => void submit()}
      onClose={() => (reset(), onClose())}
    >
      <TextField
        id={urlId}
        label="Endpoint URL"
        type="url"
        value={url}
        onChange={setUrl}
        autoComplete="off"
        placeholder="https://shop.example.com/pixport/webhook"
        helpText="A public https URL; the hub refuses private, loopback and link-local addresses unless its operator allows them."
        error={(problem?.startsWith('Enter') ? problem : undefined) ?? fieldError(action.error, 'url')}
      />
      <TextField
        label="Description"
        value={description}
        onChange={setDescription}
        autoComplete="off"
        helpText="Optional: what receives these events."
      />
      <ChoiceList
        title="Events"
        allowMultiple
        choices={events.map((event) => ({
          label: event.event,
          value: event.event,
          helpText: event.description,
        }))}
        selected={chosen}
        onChange={setChosen}
        error={problem?.startsWith('Choose') ? problem : fieldError(action.error, 'events')}
      />
      <TextField
        label="Signing secret"
        value={secret}
        onChange={setSecret}
        autoComplete="off"
        helpText="Optional: leave empty and the hub generates a whsec_ secret, shown once. Your own: 16+ characters, or whsec_ + base64."
        error={fieldError(action.error, 'secret')}
      />
    </FormModal>
  );
}
