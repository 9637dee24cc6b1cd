import { useEffect, useMemo, useRef, useState } from 'react';
import {
  BlockStack,
  Button,
  Card,
  Collapsible,
  Form,
  FormLayout,
  InlineStack,
  ProgressBar,
  Select,
  Text,
  TextField,
} from '@shopify/polaris';
import { FINISHED_TASK_STATUSES, type Preset, type TaskStatus } from '@pixport/shared';
import { describeError, type ErrorReport } from '../../api/errors.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useSession } from '../../session/session.js';
import { FieldInput } from './field-input.js';
import type { ApiOperation, BodyVariant, Field } from './openapi-model.js';
import { operationRoute } from '../presets/preset-fields.js';
import {
  buildRequest,
  initialValues,
  valuesFromParams,
  type FieldValue,
  type FormValues,
} from './request-form.js';
import { ResponseView } from './response-view.js';
import { outputUrlOf, previewUrl, sendRequest, taskOf, type TesterResponse } from './send-request.js';
import { maskKey, snippet } from './snippets.js';

const POLL_MS = 1000;

/**
 * Sends a real request with a key the user types. The key lives in this component's state only: no storage,
 * no URL, and requests go without the session cookie, so the hub answers exactly as it would a server.
 */
export function Tester({
  operations,
  selectedId,
  onSelect,
  presets,
  initialPresetId,
}: {
  operations: ApiOperation[];
  selectedId: string;
  onSelect: (id: string) => void;
  /** Saved presets to apply (when the hub has them). */
  presets?: Preset[];
  /** A preset to apply once loaded (`#/endpoints?preset=<id>`). */
  initialPresetId?: string;
}) {
  const { keyClient } = useSession();
  const [apiKey, setApiKey] = useState('');
  const [showKey, setShowKey] = useState(false);
  const operation = operations.find((candidate) => candidate.id === selectedId) ?? operations[0];
  const variants = operation?.body?.variants ?? [];
  const [variantIndex, setVariantIndex] = useState(0);
  const variant = variants[variantIndex] ?? variants[0];
  const fields = useMemo(
    () => [...(operation?.params ?? []), ...(variant?.fields ?? [])],
    [operation, variant],
  );
  const [values, setValues] = useState<FormValues>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [moreOpen, setMoreOpen] = useState(false);
  const [response, setResponse] = useState<TesterResponse>();
  const [failure, setFailure] = useState<ErrorReport>();
  const [sending, setSending] = useState(false);
  const [task, setTask] = useState<{ id: string; statusUrl: string; status: TaskStatus; progress: number }>();
  const [before, setBefore] = useState<string>();
  const [after, setAfter] = useState<string>();
  const run = useRef(0);
  // A preset being applied: the route and variant it needs, and the values to fill once their fields show.
  const pending = useRef<{
    operationId: string;
    variant: BodyVariant;
    variantIndex: number;
    values: (fields: Field[]) => FormValues;
  }>();
  const [appliedPreset, setAppliedPreset] = useState('');

  useEffect(() => {
    setVariantIndex(pending.current?.operationId === selectedId ? pending.current.variantIndex : 0);
  }, [selectedId]);
  useEffect(() => {
    const preset = pending.current;
    if (preset && operation?.id === preset.operationId && variant === preset.variant) {
      pending.current = undefined;
      setValues({ ...initialValues(fields), ...preset.values(fields) });
    } else setValues(initialValues(fields));
    setProblems({});
  }, [fields]);

  const applyPreset = (id: string) => {
    const preset = presets?.find((candidate) => candidate.id === id);
    setAppliedPreset(id);
    const route = preset ? operationRoute(operations, preset.operation) : undefined;
    if (!preset || !route) return;
    const targetIndex = route.operation.body!.variants.indexOf(route.variant);
    pending.current = {
      operationId: route.operation.id,
      variant: route.variant,
      variantIndex: targetIndex,
      values: (targetFields) => ({
        ...valuesFromParams(targetFields, preset.params),
        ...(preset.webhook && targetFields.some((field) => field.name === 'webhookUrl')
          ? { webhookUrl: preset.webhook.url, webhookEvents: preset.webhook.events }
          : {}),
      }),
    };
    setMoreOpen(true);
    if (route.operation.id !== selectedId) onSelect(route.operation.id);
    else if (targetIndex !== variantIndex) setVariantIndex(targetIndex);
    else {
      const { values: fill } = pending.current;
      pending.current = undefined;
      setValues({ ...initialValues(fields), ...fill(fields) });
    }
  };
  const appliedOnce = useRef(false);
  useEffect(() => {
    if (appliedOnce.current || !initialPresetId || !presets?.length) return;
    appliedOnce.current = true;
    applyPreset(initialPresetId);
  }, [presets, initialPresetId]);
  // Blob URLs hold the images in memory until revoked.
  useEffect(() => () => void (before && URL.revokeObjectURL(before)), [before]);
  useEffect(() => () => void (after && URL.revokeObjectURL(after)), [after]);

  if (!operation) return null;
  const setValue = (name: string, value: FieldValue | undefined) =>
    setValues((current) => ({ ...current, [name]: value }));
  const needed = (field: (typeof fields)[number]) => field.required || Boolean(field.alternative);
  const required = fields.filter(needed);
  const optional = fields.filter((field) => !needed(field));
  const fieldInputs = (list: readonly Field[]) =>
    list.map((field) => (
      <FieldInput
        key={field.name}
        field={field}
        value={values[field.name]}
        error={problems[field.name]}
        onChange={(value) => setValue(field.name, value)}
      />
    ));
  const firstImage = fields
    .filter((field) => field.kind === 'file' || field.kind === 'files')
    .map((field) => (values[field.name] as File[] | undefined)?.[0])
    .find((file) => file?.type.startsWith('image/'));

  const send = async () => {
    const built = buildRequest(operation, variant, values);
    setProblems(built.problems ?? {});
    if (!built.request) {
      setMoreOpen(true);
      return;
    }
    const mine = ++run.current;
    const client = keyClient(apiKey.trim() || undefined);
    setSending(true);
    setFailure(undefined);
    setResponse(undefined);
    setTask(undefined);
    setAfter(undefined);
    setBefore(firstImage ? URL.createObjectURL(firstImage) : undefined);
    try {
      const answer = await sendRequest(client, built.request);
      if (mine !== run.current) return;
      setResponse(answer);
      const queued = answer.status === 202 ? taskOf(answer.json) : undefined;
      if (queued) await follow(client, queued, mine);
      else {
        const output = answer.status < 300 ? outputUrlOf(answer.json) : undefined;
        if (output) setAfter((await previewUrl(client, output))?.url);
        else if (answer.bytes && answer.contentType.startsWith('image/')) {
          setAfter(
            URL.createObjectURL(
              new Blob([answer.bytes as Uint8Array<ArrayBuffer>], { type: answer.contentType }),
            ),
          );
        }
      }
    } catch (error) {
      if (mine === run.current) setFailure(describeError(error));
    } finally {
      if (mine === run.current) setSending(false);
    }
  };

  /** Polls a queued task until it finishes, then shows its output. */
  const follow = async (
    client: ReturnType<typeof keyClient>,
    queued: { id: string; statusUrl: string },
    mine: number,
  ) => {
    for (;;) {
      const poll = await client.raw<{ status: TaskStatus; progress?: number; result_url?: string }>({
        url: queued.statusUrl,
      });
      if (mine !== run.current) return;
      if (poll.status >= 400) throw new Error(`Polling the task answered HTTP ${poll.status}.`);
      setTask({ ...queued, status: poll.data.status, progress: poll.data.progress ?? 0 });
      if (FINISHED_TASK_STATUSES.includes(poll.data.status)) {
        const output = outputUrlOf(poll.data);
        if (output) setAfter((await previewUrl(client, output))?.url);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };

  const options = operations.map((candidate) => ({
    label: `${candidate.method.toUpperCase()} ${candidate.path} — ${candidate.summary}`,
    value: candidate.id,
  }));
  const preview = snippet('curl', {
    operation,
    variant,
    baseUrl: window.location.origin,
    keyText: maskKey(apiKey.trim()),
    values,
  });

  return (
    <Card>
      <Form onSubmit={() => void send()}>
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd" id="tester-heading">
            Tester
          </Text>
          <FormLayout>
            <TextField
              label="API key"
              type={showKey ? 'text' : 'password'}
              value={apiKey}
              onChange={setApiKey}
              autoComplete="off"
              monospaced
              helpText="Paste a full key. It stays in this page’s memory only (never stored, never in a URL); reloading forgets it. Requests go without your session, as a server would send them."
              connectedRight={
                <Button
                  onClick={() => setShowKey((shown) => !shown)}
                  accessibilityLabel={showKey ? 'Hide the API key' : 'Show the API key'}
                >
                  {showKey ? 'Hide' : 'Show'}
                </Button>
              }
            />
            {presets?.length ? (
              <Select
                label="Apply a saved preset"
                helpText="Fills the operation’s fields (and a task’s callback) from the preset; change any before sending."
                options={[
                  { label: 'None', value: '' },
                  ...presets.map((preset) => ({
                    label: `${preset.name} (${preset.operation})`,
                    value: preset.id,
                  })),
                ]}
                value={appliedPreset}
                onChange={applyPreset}
              />
            ) : null}
            <Select label="Endpoint" options={options} value={operation.id} onChange={onSelect} />
            {variants.length > 1 ? (
              <Select
                label="operation"
                helpText="The operation the task runs; its fields follow."
                options={variants.map((candidate, index) => ({
                  label: candidate.operation ?? `Variant ${index + 1}`,
                  value: String(index),
                }))}
                value={String(variantIndex)}
                onChange={(index) => setVariantIndex(Number(index))}
              />
            ) : null}
            {fieldInputs(required)}
          </FormLayout>
          {optional.length ? (
            <BlockStack gap="200">
              <InlineStack>
                <Button
                  variant="plain"
                  disclosure={moreOpen ? 'up' : 'down'}
                  onClick={() => setMoreOpen((open) => !open)}
                  ariaExpanded={moreOpen}
                  ariaControls="tester-optional"
                >
                  {`${moreOpen ? 'Hide' : 'Show'} ${optional.length} optional parameter${optional.length === 1 ? '' : 's'}`}
                </Button>
              </InlineStack>
              <Collapsible open={moreOpen} id="tester-optional">
                <FormLayout>{fieldInputs(optional)}</FormLayout>
              </Collapsible>
            </BlockStack>
          ) : null}
          <InlineStack gap="200">
            <Button submit variant="primary" loading={sending}>
              Send request
            </Button>
            <Button onClick={() => setValues(initialValues(fields))}>Reset fields</Button>
          </InlineStack>
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              Request preview (curl)
            </Text>
            <pre className="pxp-code" tabIndex={0} aria-label="Request preview">
              {preview}
            </pre>
          </BlockStack>
          <ErrorBanner error={failure} title="The request could not be sent" />
          {task ? (
            <BlockStack gap="100">
              <Text as="p">
                Task <code>{task.id}</code>: {task.status}
              </Text>
              <ProgressBar
                progress={task.progress}
                size="small"
                ariaLabelledBy="tester-heading"
                tone={task.status === 'failed' ? 'critical' : 'primary'}
              />
            </BlockStack>
          ) : null}
          {response ? <ResponseView response={response} before={before} after={after} /> : null}
        </BlockStack>
      </Form>
    </Card>
  );
}
