import { useMemo, useRef, useState } from 'react';
import { BlockStack, Card, InlineGrid, Layout, Link, Page, Select, Text, TextField } from '@shopify/polaris';
import { useLoad } from '../../api/use-load.js';
import { EmptyNote } from '../../components/empty-note.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useSession } from '../../session/session.js';
import { ContractCard } from './contract-card.js';
import { keyOperations, operationsOf } from './openapi-model.js';
import { Tester } from './tester.js';
import { RowList } from '../../components/row-list.js';

const PLACEHOLDER = 'YOUR_API_KEY';

/** Every public route of this hub (from its OpenAPI document) with examples, and a tester that sends real requests. */
export default function EndpointsPanel() {
  const { openapi, client, capabilities } = useSession();
  const operations = useMemo(() => operationsOf(openapi), [openapi]);
  const testable = useMemo(() => keyOperations(operations), [operations]);
  const keys = useLoad(() => client.listKeys(), [client]);
  const hasPresets = capabilities.has('get /api/v1/presets');
  const presets = useLoad(
    () => (hasPresets ? client.listPresets() : Promise.resolve(undefined)),
    [client, hasPresets],
  );
  // `#/endpoints?preset=<id>` (the presets panel's "Use in the tester") applies that preset.
  const [initialPresetId] = useState(
    () => new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('preset') ?? undefined,
  );
  const [keyText, setKeyText] = useState(PLACEHOLDER);
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const [selected, setSelected] = useState(
    () => (testable.find((operation) => operation.id === 'post /api/v1/process') ?? testable[0])?.id ?? '',
  );
  const tester = useRef<HTMLDivElement>(null);

  const tags = [...new Set(operations.map((operation) => operation.tag))];
  const needle = search.trim().toLowerCase();
  const shown = operations.filter(
    (operation) =>
      (!tag || operation.tag === tag) &&
      (!needle ||
        `${operation.method} ${operation.path} ${operation.summary} ${operation.tag}`
          .toLowerCase()
          .includes(needle)),
  );
  const activeKeys = keys.data?.data.filter((key) => key.status === 'active') ?? [];
  const tryIt = (id: string) => {
    setSelected(id);
    tester.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    tester.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  };

  return (
    <Page
      title="Endpoints & tester"
      subtitle={`${operations.length} routes, read from this hub's OpenAPI document.`}
      secondaryActions={[
        { content: 'OpenAPI document', url: '/api/v1/openapi', external: true },
        { content: 'Postman collection', url: '/api/v1/postman', external: true },
      ]}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <div ref={tester}>
              {testable.length ? (
                <Tester
                  operations={testable}
                  selectedId={selected}
                  onSelect={setSelected}
                  presets={presets.data?.data}
                  initialPresetId={initialPresetId}
                />
              ) : null}
            </div>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Contracts
                </Text>
                <ErrorBanner
                  error={keys.error}
                  title="Your keys could not load (examples use a placeholder)"
                />
                <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
                  <Select
                    label="Examples use the key"
                    helpText="Its masked form: paste the full key where it appears."
                    options={[
                      { label: `A placeholder (${PLACEHOLDER})`, value: PLACEHOLDER },
                      ...activeKeys.map((key) => ({
                        label: `${key.name} (${key.masked})`,
                        value: key.masked,
                      })),
                    ]}
                    value={keyText}
                    onChange={setKeyText}
                  />
                  <Select
                    label="Area"
                    options={[
                      { label: 'All areas', value: '' },
                      ...tags.map((name) => ({ label: name, value: name })),
                    ]}
                    value={tag}
                    onChange={setTag}
                  />
                  <TextField
                    label="Find a route"
                    value={search}
                    onChange={setSearch}
                    autoComplete="off"
                    clearButton
                    onClearButtonClick={() => setSearch('')}
                    placeholder="e.g. jobs, webhook, usage"
                  />
                </InlineGrid>
                <Text as="p" tone="subdued">
                  Errors are problem+json with a stable <code>code</code> and <code>request_id</code>; the
                  full reference is at{' '}
                  <Link url="/docs" target="_blank">
                    /docs
                  </Link>
                  .
                </Text>
              </BlockStack>
            </Card>
            {shown.length === 0 ? (
              <Card>
                <EmptyNote
                  heading="No route matches"
                  action={{ content: 'Show every route', onAction: () => (setSearch(''), setTag('')) }}
                >
                  Try another word, or another area.
                </EmptyNote>
              </Card>
            ) : (
              tags
                .filter((name) => shown.some((operation) => operation.tag === name))
                .map((name) => (
                  <Card key={name} padding="0">
                    <div style={{ padding: '16px 16px 4px' }}>
                      <Text as="h2" variant="headingMd">
                        {name}
                      </Text>
                    </div>
                    <RowList label={`${name} routes`}>
                      {shown
                        .filter((operation) => operation.tag === name)
                        .map((operation) => (
                          <ContractCard
                            key={operation.id}
                            operation={operation}
                            baseUrl={window.location.origin}
                            keyText={keyText}
                            onTry={testable.includes(operation) ? () => tryIt(operation.id) : undefined}
                          />
                        ))}
                    </RowList>
                  </Card>
                ))
            )}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
