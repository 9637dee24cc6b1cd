import { useEffect, useState } from 'react';
import type { AutomationSettings } from '../../../../server/src/api/contract.js';
import { useApi } from '../../api/api-context.js';
import { useAction } from '../../api/use-action.js';
import { useLoad } from '../../api/use-load.js';
import { toast } from '../../bridge/shopify.js';
import {
  Card,
  Checkbox,
  ErrorBanner,
  Loading,
  Page,
  RadioGroup,
  SelectField,
  Stack,
  Text,
} from '../../ui/index.js';

export default function AutomationPage() {
  const api = useApi();
  const saved = useLoad(() => api.automation(), [api]);
  const presets = useLoad(() => api.presets(), [api]);
  const [draft, setDraft] = useState<AutomationSettings>();
  const save = useAction();
  useEffect(() => {
    if (saved.data) setDraft(saved.data);
  }, [saved.data]);

  const dirty = Boolean(draft && saved.data && JSON.stringify(draft) !== JSON.stringify(saved.data));
  const submit = async () => {
    if (!draft) return;
    const answer = await save.run(() => api.saveAutomation(draft));
    if (answer) {
      toast('Automation saved');
      await saved.reload();
    }
  };

  const list = presets.data?.presets ?? [];
  return (
    <Page
      title="Automation"
      subtitle="Process new and updated products as they arrive"
      primaryAction={{
        content: 'Save',
        onAction: () => void submit(),
        disabled: !dirty || (draft?.enabled && !draft.preset_id),
        loading: save.pending,
      }}
    >
      <ErrorBanner
        error={saved.error}
        title="Could not load the automation settings"
        onRetry={() => void saved.reload()}
      />
      <ErrorBanner
        error={presets.error}
        title="Could not load presets"
        onRetry={() => void presets.reload()}
      />
      <ErrorBanner error={save.error} title="Not saved" onDismiss={save.clearError} />
      <Card title="New and updated products">
        {!draft ? (
          saved.loading ? (
            <Loading label="Loading the automation settings" />
          ) : null
        ) : (
          <Stack>
            <Checkbox
              label="Process images of new and updated products automatically"
              helpText="Images Pixport itself publishes never trigger processing again."
              checked={draft.enabled}
              onChange={(enabled) => setDraft({ ...draft, enabled })}
            />
            <SelectField
              label="Preset"
              value={draft.preset_id ?? ''}
              disabled={!draft.enabled}
              onChange={(value) => setDraft({ ...draft, preset_id: value || null })}
              options={[
                { label: 'Choose a preset', value: '' },
                ...list.map((preset) => ({ label: `${preset.name} (${preset.source})`, value: preset.id })),
              ]}
              helpText={draft.enabled && !draft.preset_id ? 'Choose the preset automation uses.' : undefined}
            />
            <RadioGroup
              title="Then"
              value={draft.mode}
              onChange={(mode) => setDraft({ ...draft, mode: mode as AutomationSettings['mode'] })}
              options={[
                {
                  label: 'Wait for my review',
                  value: 'review',
                  helpText: 'Results appear on the Review page of the automation job.',
                },
                {
                  label: 'Publish straight to the store',
                  value: 'publish',
                  helpText: 'Each original is kept: undo any time.',
                },
              ]}
            />
            {dirty ? (
              <Text tone="caution" size="sm">
                Unsaved changes
              </Text>
            ) : null}
          </Stack>
        )}
      </Card>
    </Page>
  );
}
