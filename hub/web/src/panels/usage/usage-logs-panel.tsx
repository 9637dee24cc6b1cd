import { useState } from 'react';
import {
  Badge,
  BlockStack,
  Button,
  Card,
  Form,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Select,
  SkeletonBodyText,
  Text,
  TextField,
} from '@shopify/polaris';
import { PLATFORMS } from '@pixport/shared';
import { useAction } from '../../api/use-action.js';
import { useCursorPages } from '../../api/use-cursor-pages.js';
import { useLoad } from '../../api/use-load.js';
import { CursorPager } from '../../components/cursor-pager.js';
import { EmptyNote } from '../../components/empty-note.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { formatBytes, formatDuration, platformLabel } from '../../components/format.js';
import { Table } from '../../components/table.js';
import { TimeText } from '../../components/time-text.js';
import { useSession } from '../../session/session.js';
import { usePanelHref } from '../../shell/panels.js';
import { downloadText } from './csv.js';
import { allLogs, logQuery, logsCsv, NO_FILTERS, type LogFilters } from './usage-logs.js';

const PAGE_SIZE = 25;

/** The organization's request log (`api_usage_logs`): filters, cursor paging, CSV export of every matching row. */
export default function UsageLogsPanel() {
  const { client } = useSession();
  const testerHref = usePanelHref('endpoints');
  const keys = useLoad(() => client.listKeys(), [client]);
  const [draft, setDraft] = useState<LogFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<LogFilters>(NO_FILTERS);
  const page = useCursorPages(
    (cursor) => client.usageLogs({ ...logQuery(filters), limit: PAGE_SIZE, cursor }),
    [client, filters],
  );
  const exporting = useAction();
  const [exported, setExported] = useState<string>();

  const keyList = keys.data?.data ?? [];
  const keyLabel = new Map(keyList.map((key) => [key.id, key.masked]));
  const rows = page.rows;
  const filtered = Object.values(filters).some((value) => value.trim() !== '');
  const set = (name: keyof LogFilters) => (value: string) =>
    setDraft((current) => ({ ...current, [name]: value }));
  const exportCsv = async () => {
    setExported(undefined);
    const result = await exporting.run(() => allLogs(client, filters));
    if (!result) return;
    downloadText(
      `pixport-usage-logs-${new Date().toISOString().slice(0, 10)}.csv`,
      logsCsv(result.rows, keyList),
    );
    setExported(
      `${result.rows.length} rows exported${result.truncated ? ' (the newest 10 000; narrow the filters for older ones)' : ''}.`,
    );
  };

  return (
    <Page
      title="Usage logs"
      subtitle="Every request made with one of this organization's API keys, newest first."
      primaryAction={{
        content: 'Export CSV',
        onAction: () => void exportCsv(),
        loading: exporting.pending,
        disabled: rows.length === 0,
      }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <ErrorBanner error={exporting.error} title="The export failed" />
            {exported ? (
              <Text as="p" tone="success">
                {exported}
              </Text>
            ) : null}
            <Card>
              <Form onSubmit={() => setFilters(draft)}>
                <BlockStack gap="300">
                  <InlineGrid columns={{ xs: 1, sm: 2, lg: 4 }} gap="300">
                    <Select
                      label="Key"
                      options={[
                        { label: 'Any key', value: '' },
                        ...keyList.map((key) => ({ label: `${key.name} (${key.masked})`, value: key.id })),
                      ]}
                      value={draft.key_id}
                      onChange={set('key_id')}
                    />
                    <TextField
                      label="Operation"
                      value={draft.operation}
                      onChange={set('operation')}
                      autoComplete="off"
                      placeholder="e.g. process"
                    />
                    <TextField
                      label="HTTP status"
                      type="number"
                      min={100}
                      max={599}
                      value={draft.status}
                      onChange={set('status')}
                      autoComplete="off"
                      placeholder="e.g. 401"
                    />
                    <Select
                      label="Client platform"
                      options={[
                        { label: 'Any platform', value: '' },
                        ...PLATFORMS.map((platform) => ({ label: platformLabel(platform), value: platform })),
                      ]}
                      value={draft.platform}
                      onChange={set('platform')}
                    />
                  </InlineGrid>
                  <InlineStack gap="200">
                    <Button submit variant="primary">
                      Apply filters
                    </Button>
                    <Button
                      onClick={() => {
                        setDraft(NO_FILTERS);
                        setFilters(NO_FILTERS);
                      }}
                      disabled={!filtered}
                    >
                      Clear
                    </Button>
                  </InlineStack>
                </BlockStack>
              </Form>
            </Card>
            <ErrorBanner error={page.error} title="The logs could not load" />
            <Card padding="0">
              {!page.data && page.loading ? (
                <div style={{ padding: 16 }}>
                  <SkeletonBodyText lines={6} />
                </div>
              ) : rows.length === 0 ? (
                filtered ? (
                  <EmptyNote
                    heading="No request matches these filters"
                    action={{
                      content: 'Clear the filters',
                      onAction: () => (setDraft(NO_FILTERS), setFilters(NO_FILTERS)),
                    }}
                  />
                ) : (
                  <EmptyNote
                    heading="No API requests logged yet"
                    action={testerHref ? { content: 'Send one from the tester', url: testerHref } : undefined}
                  >
                    Requests made with this organization's keys appear here within a second, from any client.
                  </EmptyNote>
                )
              ) : (
                <Table
                  label="Requests"
                  numeric={[false, false, false, true, true, true, false, false, false]}
                  headings={[
                    'Time',
                    'Request',
                    'Operation',
                    'Status',
                    'Duration',
                    'In / out',
                    'Key',
                    'Client',
                    'Request id',
                  ]}
                  rows={rows.map((row) => [
                    <TimeText key="t" value={row.created_at} />,
                    <code key="r" className="pxp-break">{`${row.method} ${row.route}`}</code>,
                    row.operation ?? '—',
                    <Badge
                      key="s"
                      tone={row.status < 400 ? 'success' : row.status < 500 ? 'warning' : 'critical'}
                      toneAndProgressLabelOverride="HTTP status"
                    >
                      {String(row.status)}
                    </Badge>,
                    formatDuration(row.duration_ms),
                    `${formatBytes(row.bytes_in)} / ${formatBytes(row.bytes_out)}`,
                    row.key_id ? (keyLabel.get(row.key_id) ?? (keys.data ? 'deleted key' : '…')) : '—',
                    `${platformLabel(row.platform)}${row.ip ? ` · ${row.ip}` : ''}`,
                    <code key="i">{row.request_id}</code>,
                  ])}
                />
              )}
            </Card>
            <CursorPager pager={page.pager} previousLabel="Newer requests" nextLabel="Older requests" />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
