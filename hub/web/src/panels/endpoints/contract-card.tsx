import { useState } from 'react';
import { Badge, BlockStack, Button, Collapsible, InlineStack, Text } from '@shopify/polaris';
import { Table } from '../../components/table.js';
import { fieldHelp } from './field-input.js';
import type { ApiOperation, Auth, Field } from './openapi-model.js';
import { SnippetTabs } from './snippet-tabs.js';
import { ListRow } from '../../components/row-list.js';

const AUTH_TEXT: Record<Auth, string> = {
  none: 'No authentication',
  key: 'API key',
  session: 'Dashboard session (+ X-CSRF-Token)',
  'key-or-session': 'API key or dashboard session',
};
const METHOD_TONE = {
  get: 'success',
  post: 'info',
  patch: 'attention',
  put: 'attention',
  delete: 'critical',
} as const;

/** One route's contract: auth and scope, parameters, body fields, responses and examples. Collapsed by default. */
export function ContractCard({
  operation,
  baseUrl,
  keyText,
  onTry,
}: {
  operation: ApiOperation;
  baseUrl: string;
  keyText: string;
  onTry?: () => void;
}) {
  const [open, setOpen] = useState(false);
  const id = operation.id.replace(/[^a-z0-9]+/gi, '-');
  const variant = operation.body?.variants[0];
  return (
    <ListRow padding="300">
      <BlockStack gap="200">
        <InlineStack gap="200" blockAlign="center" wrap={false}>
          <Badge
            tone={METHOD_TONE[operation.method as keyof typeof METHOD_TONE]}
            toneAndProgressLabelOverride="HTTP method"
          >
            {operation.method.toUpperCase()}
          </Badge>
          <Button
            variant="plain"
            onClick={() => setOpen((shown) => !shown)}
            ariaExpanded={open}
            ariaControls={`${id}-details`}
            textAlign="left"
          >
            {operation.path}
          </Button>
        </InlineStack>
        <Text as="p" tone="subdued">
          {operation.summary}
        </Text>
        <Collapsible open={open} id={`${id}-details`}>
          <BlockStack gap="300">
            {operation.description ? <Text as="p">{operation.description}</Text> : null}
            <InlineStack gap="200" wrap>
              <Badge>{AUTH_TEXT[operation.auth]}</Badge>
              {operation.scope ? <Badge tone="info">{`scope ${operation.scope}`}</Badge> : null}
              {operation.body ? <Badge>{operation.body.mediaType}</Badge> : null}
            </InlineStack>
            {operation.params.length ? <FieldTable title="Parameters" fields={operation.params} /> : null}
            {variant?.fields.length ? (
              <FieldTable
                title={
                  operation.body!.variants.length > 1
                    ? `Body (operation ${variant.operation}; the tester shows the others)`
                    : 'Body'
                }
                fields={variant.fields}
              />
            ) : null}
            <BlockStack gap="100">
              <Text as="h4" variant="headingSm">
                Responses
              </Text>
              <Table
                label={`Responses of ${operation.method.toUpperCase()} ${operation.path}`}
                headings={['Status', 'Meaning']}
                rows={operation.responses.map((response) => [response.status, response.description])}
              />
            </BlockStack>
            {open ? <SnippetTabs input={{ operation, variant, baseUrl, keyText }} /> : null}
            {onTry ? (
              <InlineStack>
                <Button onClick={onTry}>Try it in the tester</Button>
              </InlineStack>
            ) : null}
          </BlockStack>
        </Collapsible>
      </BlockStack>
    </ListRow>
  );
}

function FieldTable({ title, fields }: { title: string; fields: Field[] }) {
  return (
    <BlockStack gap="100">
      <Text as="h4" variant="headingSm">
        {title}
      </Text>
      <Table
        label={title}
        headings={['Name', 'Type', 'Meaning']}
        rows={fields.map((field) => [
          `${field.name}${field.required ? ' *' : ''}`,
          field.options
            ? `${field.kind === 'enums' ? 'list of ' : ''}${field.options.join(' | ')}`
            : field.kind,
          fieldHelp(field) ?? '',
        ])}
      />
    </BlockStack>
  );
}
