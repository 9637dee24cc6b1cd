import { useState } from 'react';
import type { UsageView } from '../../../../server/src/api/contract.js';
import { useApi } from '../../api/api-context.js';
import { useLoad } from '../../api/use-load.js';
import { DashboardButton } from '../shared/dashboard-button.js';
import { count } from '../../format.js';
import {
  Card,
  Columns,
  Empty,
  ErrorBanner,
  FigureTable,
  Grid,
  Loading,
  Page,
  SelectField,
  Stack,
  Stat,
  Text,
} from '../../ui/index.js';

export default function UsagePage() {
  const api = useApi();
  const [days, setDays] = useState('30');
  const usage = useLoad(() => api.usage(Number(days)), [api, days]);
  const data = usage.data;
  return (
    <Page title="Usage and plan">
      <ErrorBanner error={usage.error} title="Could not load usage" onRetry={() => void usage.reload()} />
      {!data && usage.loading ? (
        <Card>
          <Loading label="Loading usage" />
        </Card>
      ) : null}
      {data ? (
        <Columns aside={<PlanCard usage={data} />}>
          <Card
            title="Usage by day"
            headerAction={
              <div style={{ minWidth: '10rem' }}>
                <SelectField
                  label="Period"
                  value={days}
                  onChange={setDays}
                  options={[
                    { label: 'Last 7 days', value: '7' },
                    { label: 'Last 30 days', value: '30' },
                    { label: 'Last 90 days', value: '90' },
                  ]}
                />
              </div>
            }
          >
            <Totals usage={data} />
            {data.by_day.length === 0 ? (
              <Empty heading="No usage in this period">Processed images and previews show here by day.</Empty>
            ) : (
              <FigureTable
                caption={`Requests and credits by day and operation, last ${days} days`}
                headings={['Day', 'Operation', 'Requests', 'Credits']}
                rows={[...data.by_day]
                  .sort((a, b) => b.date.localeCompare(a.date) || a.operation.localeCompare(b.operation))
                  .map((row) => ({
                    key: `${row.date}-${row.operation}`,
                    cells: [row.date, row.operation, count(row.requests), count(row.credits)],
                  }))}
              />
            )}
          </Card>
        </Columns>
      ) : null}
    </Page>
  );
}

function Totals({ usage }: { usage: UsageView }) {
  const byOperation = new Map<string, number>();
  for (const row of usage.by_day)
    byOperation.set(row.operation, (byOperation.get(row.operation) ?? 0) + row.credits);
  const credits = [...byOperation.values()].reduce((sum, value) => sum + value, 0);
  return (
    <Stack gap="tight">
      <Text>{`${count(credits)} credits used${byOperation.size ? `: ${[...byOperation].map(([op, value]) => `${op} ${count(value)}`).join(', ')}` : ''}`}</Text>
    </Stack>
  );
}

function PlanCard({ usage }: { usage: UsageView }) {
  return (
    <Card title="Plan">
      <Grid columns={2}>
        <Stat
          label="Credits left"
          value={count(usage.credits_remaining)}
          help={`${count(usage.credits_reserved)} reserved`}
        />
        <Stat label="Plan" value={usage.plan} />
      </Grid>
      <Text tone="subdued" size="sm">
        Plans, top-ups, API keys and the full history are in the Pixport dashboard.
      </Text>
      <DashboardButton />
    </Card>
  );
}
