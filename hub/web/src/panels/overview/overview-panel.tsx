import { lazy, Suspense, useState } from 'react';
import {
  Badge,
  BlockStack,
  Button,
  Card,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Select,
  SkeletonBodyText,
  Text,
} from '@shopify/polaris';
import type { Account } from '@pixport/shared';
import { useLoad, type Loaded } from '../../api/use-load.js';
import { EmptyNote } from '../../components/empty-note.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { formatDuration, formatNumber, formatPercent } from '../../components/format.js';
import { Stat } from '../../components/stat.js';
import { Table } from '../../components/table.js';
import { TimeText } from '../../components/time-text.js';
import { useCan, useSession } from '../../session/session.js';
import { usePanelHref } from '../../shell/panels.js';
import { chartDays, lastDays } from './chart-data.js';
import { CreditsCard } from './credits-card.js';

const UsageChart = lazy(() => import('./usage-chart.js'));
const RANGES = [
  { label: 'Last 7 days', value: '7' },
  { label: 'Last 30 days', value: '30' },
  { label: 'Last 90 days', value: '90' },
];

/** Plan, keys, the usage snapshot of a date range and its chart by day. */
export default function OverviewPanel() {
  const { client, me, capabilities } = useSession();
  const canCreateKeys = useCan('developer');
  const [range, setRange] = useState('30');
  const usage = useLoad(() => client.usage(lastDays(Number(range))), [client, range]);
  const keys = useLoad(() => client.listKeys(), [client]);
  const hasAccount = capabilities.has('get /api/v1/account');
  const account = useLoad(
    () => (hasAccount ? client.account() : Promise.resolve(undefined)),
    [client, hasAccount],
  );
  const [showTable, setShowTable] = useState(false);
  const keysHref = usePanelHref('keys');
  const testerHref = usePanelHref('endpoints');

  const snapshot = usage.data;
  const activeKeys = keys.data?.data.filter((key) => key.status === 'active') ?? [];
  const lifetime = keys.data?.data.reduce((sum, key) => sum + key.request_count, 0);
  const days = snapshot ? chartDays(snapshot) : [];

  return (
    <Page title="Overview" subtitle={`${me.organization.name} · your role: ${me.organization.role}`}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <ErrorBanner error={usage.error} title="The usage snapshot could not load" />
            <ErrorBanner error={keys.error} title="The API keys could not load" />
            <InlineGrid columns={{ xs: 1, sm: 2, lg: 4 }} gap="400">
              <Stat
                label="Plan"
                value={<Badge tone="info">{me.organization.plan}</Badge>}
                help={
                  account.data
                    ? `${formatNumber(account.data.credits.balance)} credits left this period.`
                    : 'Credits and limits come from the plan.'
                }
              />
              <Stat
                label="Active API keys"
                value={keys.data ? formatNumber(activeKeys.length) : '…'}
                help={
                  lifetime === undefined
                    ? undefined
                    : `${formatNumber(lifetime)} requests made with existing keys, all time.`
                }
              />
              <Stat
                label="Requests tracked"
                value={snapshot ? formatNumber(snapshot.total_requests) : '…'}
                help="Key-authenticated requests in the range."
              />
              <Stat
                label="Last API activity"
                value={snapshot ? <TimeText value={snapshot.last_request_at} empty="No recent usage" /> : '…'}
                help="The newest key-authenticated request."
              />
            </InlineGrid>
            {hasAccount ? <CreditsCard account={account as Loaded<Account>} /> : null}
            {keys.data && activeKeys.length === 0 ? (
              <Card>
                <EmptyNote
                  heading="No active API key yet"
                  action={
                    canCreateKeys && keysHref ? { content: 'Create an API key', url: keysHref } : undefined
                  }
                >
                  {canCreateKeys
                    ? 'Create a key, then try it on any endpoint in the tester. Requests made with it show up here.'
                    : 'Ask a developer, admin or owner of this organization to create one.'}
                </EmptyNote>
              </Card>
            ) : null}
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center" gap="200" wrap>
                  <Text as="h2" variant="headingMd">
                    Usage snapshot
                  </Text>
                  <div style={{ minWidth: 160 }}>
                    <Select
                      label="Date range"
                      labelInline
                      options={RANGES}
                      value={range}
                      onChange={setRange}
                    />
                  </div>
                </InlineStack>
                {!snapshot ? (
                  <SkeletonBodyText lines={4} />
                ) : (
                  <BlockStack gap="400">
                    <InlineGrid columns={{ xs: 2, md: 4 }} gap="300">
                      <Stat plain label="Total" value={formatNumber(snapshot.total_requests)} />
                      <Stat plain label="Success rate" value={formatPercent(snapshot.success_rate)} />
                      <Stat plain label="Avg duration" value={formatDuration(snapshot.average_duration_ms)} />
                      <Stat plain label="Heavy calls" value={formatNumber(snapshot.heavy_calls)} />
                    </InlineGrid>
                    {snapshot.total_requests === 0 ? (
                      <EmptyNote
                        heading="No API requests in this range"
                        action={testerHref ? { content: 'Open the tester', url: testerHref } : undefined}
                      >
                        Send a request with one of your keys (from the tester, curl or a plugin) and it is
                        counted here.
                      </EmptyNote>
                    ) : (
                      <>
                        <Suspense fallback={<SkeletonBodyText lines={6} />}>
                          <UsageChart days={days} />
                        </Suspense>
                        <InlineStack>
                          <Button
                            variant="plain"
                            onClick={() => setShowTable((shown) => !shown)}
                            ariaExpanded={showTable}
                          >
                            {showTable ? 'Hide the numbers by day' : 'Show the numbers by day'}
                          </Button>
                        </InlineStack>
                        {showTable ? (
                          <Table
                            label="Requests and errors by day"
                            numeric={[false, true, true]}
                            headings={['Day', 'Requests', 'Errors']}
                            rows={snapshot.by_day.map((day) => [day.date, day.requests, day.errors])}
                          />
                        ) : null}
                      </>
                    )}
                  </BlockStack>
                )}
              </BlockStack>
            </Card>
            {snapshot && snapshot.by_operation.length > 0 ? (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    By operation
                  </Text>
                  <Table
                    label="Usage by operation"
                    numeric={[false, true, true, true]}
                    headings={['Operation', 'Requests', 'Errors', 'Units reported']}
                    rows={snapshot.by_operation.map((row) => [
                      row.operation,
                      row.requests,
                      row.errors,
                      row.units,
                    ])}
                  />
                </BlockStack>
              </Card>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
