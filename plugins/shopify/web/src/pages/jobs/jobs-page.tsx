import { useState } from 'react';
import type { Job } from '../../../../server/src/api/contract.js';
import { useApi } from '../../api/api-context.js';
import { useLoad } from '../../api/use-load.js';
import { usePolling } from '../../api/use-polling.js';
import { count, dateTime, isFinal, jobProgress, jobStatusTone } from '../../format.js';
import { useRouter } from '../../router/router.js';
import {
  Badge,
  Button,
  Card,
  Empty,
  ErrorBanner,
  Page,
  Progress,
  Stack,
  Table,
  Text,
  type Column,
} from '../../ui/index.js';

export default function JobsPage() {
  const api = useApi();
  const { navigate } = useRouter();
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const cursor = cursors[cursors.length - 1]!;
  const page = useLoad(() => api.jobs(cursor), [api, cursor]);
  const jobs = page.data?.jobs ?? [];
  usePolling(
    jobs.some((job) => !isFinal(job.status)),
    2000,
    () => page.reload(),
  );

  const columns: Column<Job>[] = [
    {
      heading: 'Job',
      render: (job) => (
        <Stack gap="none">
          <Button
            variant="plain"
            onClick={() => navigate(`/jobs/${job.id}`)}
            label={`${job.preset.name}, started ${dateTime(job.created_at)}`}
          >
            {job.preset.name}
          </Button>
          <Text tone="subdued" size="sm">
            {dateTime(job.created_at)}
          </Text>
        </Stack>
      ),
    },
    { heading: 'Status', render: (job) => <Badge tone={jobStatusTone[job.status]}>{job.status}</Badge> },
    {
      heading: 'Progress',
      render: (job) => (
        <div style={{ minWidth: '8rem' }}>
          <Progress value={jobProgress(job)} label={`Progress of ${job.preset.name}`} />
        </div>
      ),
    },
    { heading: 'Images', alignment: 'end', render: (job) => count(job.counts.total) },
    {
      heading: 'To review',
      alignment: 'end',
      render: (job) => count(job.counts.succeeded - job.counts.approved - job.counts.rejected),
    },
    { heading: 'Published', alignment: 'end', render: (job) => count(job.counts.published) },
  ];

  return (
    <Page
      title="Bulk jobs"
      subtitle="Jobs run on the Pixport hub: closing this page does not stop them"
      primaryAction={{ content: 'Choose products', onAction: () => navigate('/products') }}
    >
      <Card padding={false}>
        {page.error ? (
          <div className="px-card-inset">
            <ErrorBanner error={page.error} title="Could not load jobs" onRetry={() => void page.reload()} />
          </div>
        ) : (
          <Table
            label="Bulk jobs"
            resourceName={{ singular: 'job', plural: 'jobs' }}
            rows={jobs}
            columns={columns}
            loading={page.loading && !page.data}
            empty={
              page.loading && !page.data ? (
                <div role="status" className="px-card-inset">
                  Loading jobs…
                </div>
              ) : (
                <Empty
                  heading="No bulk jobs yet"
                  action={{ content: 'Choose products', onAction: () => navigate('/products') }}
                >
                  Select products on the Products page and process their images with a preset.
                </Empty>
              )
            }
            pagination={{
              hasPrevious: cursors.length > 1,
              hasNext: Boolean(page.data?.next_cursor),
              onPrevious: () => setCursors((list) => list.slice(0, -1)),
              onNext: () => setCursors((list) => [...list, page.data!.next_cursor]),
            }}
          />
        )}
      </Card>
    </Page>
  );
}
