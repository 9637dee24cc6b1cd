import { BlockStack, Checkbox, ChoiceList, DropZone, Select, Text, TextField } from '@shopify/polaris';
import type { Field } from './openapi-model.js';
import type { FieldValue } from './request-form.js';

/** What the field accepts, in words, after the schema's own description. */
export function fieldHelp(field: Field): string | undefined {
  const range =
    field.min !== undefined && field.max !== undefined
      ? `${field.min} to ${field.max}`
      : field.min !== undefined
        ? `at least ${field.min}`
        : field.max !== undefined
          ? `at most ${field.max}`
          : '';
  const parts = [
    field.description,
    field.kind === 'files'
      ? `Several files, in order${range ? ` (${range})` : ''}.`
      : range
        ? `${range}.`
        : '',
  ];
  if (field.location !== 'body') parts.push(`(${field.location} parameter)`);
  return parts.filter(Boolean).join(' ') || undefined;
}

/** One parameter of a route as a labelled control of the right kind. */
export function FieldInput({
  field,
  value,
  error,
  onChange,
}: {
  field: Field;
  value: FieldValue | undefined;
  error?: string;
  onChange: (value: FieldValue | undefined) => void;
}) {
  const label = field.name;
  const help = fieldHelp(field);
  switch (field.kind) {
    case 'file':
    case 'files': {
      const files = (value as File[] | undefined) ?? [];
      return (
        <BlockStack gap="100">
          <DropZone
            label={label}
            labelHidden={false}
            allowMultiple={field.kind === 'files'}
            onDrop={(accepted) =>
              onChange(field.kind === 'files' ? [...files, ...accepted] : accepted.slice(0, 1))
            }
            error={Boolean(error)}
            variableHeight
          >
            {files.length ? (
              <div style={{ padding: 12 }}>
                <Text as="p">
                  {files.map((file) => `${file.name} (${Math.ceil(file.size / 1024)} KiB)`).join(', ')}
                </Text>
              </div>
            ) : (
              <DropZone.FileUpload actionHint={help} />
            )}
          </DropZone>
          {error ? (
            <Text as="p" tone="critical">
              {error}
            </Text>
          ) : null}
        </BlockStack>
      );
    }
    case 'boolean':
      return (
        <Checkbox
          label={label}
          helpText={help}
          checked={value === true}
          onChange={(checked) => onChange(checked)}
        />
      );
    case 'enum':
      return (
        <Select
          label={label}
          helpText={help}
          error={error}
          options={[
            { label: field.required ? 'Choose…' : '(the hub’s default)', value: '' },
            ...(field.options ?? []).map((option) => ({ label: option, value: option })),
          ]}
          value={(value as string | undefined) ?? ''}
          onChange={(next) => onChange(next || undefined)}
        />
      );
    case 'enums':
      return (
        <ChoiceList
          title={label}
          allowMultiple
          choices={(field.options ?? []).map((option) => ({ label: option, value: option }))}
          selected={(value as string[] | undefined) ?? []}
          onChange={(selected) => onChange(selected)}
          error={error}
        />
      );
    default:
      return (
        <TextField
          label={label}
          helpText={help}
          error={error}
          requiredIndicator={field.required}
          type={field.kind === 'integer' || field.kind === 'number' ? 'number' : 'text'}
          min={field.min}
          max={field.max}
          step={field.kind === 'number' ? 0.01 : undefined}
          multiline={field.kind === 'json' ? 3 : undefined}
          monospaced={field.kind === 'json'}
          value={(value as string | undefined) ?? ''}
          onChange={(next) => onChange(next)}
          autoComplete="off"
        />
      );
  }
}
