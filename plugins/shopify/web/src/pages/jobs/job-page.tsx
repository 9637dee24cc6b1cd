import { useState } from 'react';
import type { Job, JobItem } from '../../../../server/src/api/contract.js';
import { useApi } from '../../api/api-context.js';
import { useAction } from '../../api/use-action.js';
import { useLoad } from '../../api/use-load.js';
import { usePolling } from '../../api/use-polling.js';
import { toast } from '../../bridge/shopify.js';
import { count, dateTime, isFinal, jobProgress, jobStatusTone, pauseReasons } from '../../format.js';
import { useRouter } from '../../router/router.js';
import {
  Badge,
  Banner,
  Card,
  Empty,
  ErrorBanner,
  Grid,
  Loading,
  Page,
  Progress,
  SelectField,
  Stack,
  Stat,
  Table,
  Text,
  Thumbnail,
  type Column,
  type PageAction,
} from '../../ui/index.js';
import { itemStatusTone } from './item-status.js';

const itemColumns: Column<JobItem>[] = [
  {
    heading: 'Image',
    hidden: true,
    render: (item) => (
      <Thumbnail
        url={item.after_url ?? item.before_url}
        alt={`${item.product_title}, image ${item.position}`}
      />
    ),
  },
  {
    heading: 'Product',
    render: (item) => (
      <Stack gap="none">
        <Text strong>{item.product_title}</Text>
        <Text tone="subdued" size="sm">{`Image ${item.position}`}</Text>
      </Stack>
    ),
  },
  { heading: 'Result', render: (item) => <Badge tone={itemStatusTone[item.status]}>{item.status}</Badge> },
  {
    heading: 'Review',
    render: (item) =>
      item.status === 'succeeded' ? (
        <Badge
          tone={
            item.review === 'approved' ? 'success' : item.review === 'rejected' ? 'critical' : 'attention'
          }
        >
          {item.review}
        </Badge>
      ) : (
        '—'
      ),
  },
  {
    heading: 'Store',
    render: (item) =>
      item.publish === 'none' ? (
        '—'
      ) : (
        <Badge
          tone={item.publish === 'failed' ? 'critical' : item.publish === 'published' ? 'success' : 'info'}
        >
          {item.publish}
        </Badge>
      ),
  },
  {
    heading: 'Details',
    render: (item) =>
      item.error ? (
        <Text tone="critical" size="sm">{`${item.error.message} (${item.error.code})`}</Text>
      ) : (
        <Text tone="subdued" size="sm">
          —
        </Text>
      ),
  },
];

export default function JobPage({ params }: { params: { id: string } }) {
  const api = useApi();
  const { navigate } = useRouter();
  const [filter, setFilter] = useState<'' | JobItem['status']>('');
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const job = useLoad(() => api.job(params.id), [api, params.id]);
  const items = useLoad(
    () => api.items(params.id, { status: filter || undefined, cursor: cursors[cursors.length - 1] }),
    [api, params.id, filter, cursors],
  );
  const action = useAction();
  const live = job.data ? !isFinal(job.data.status) : false;
  // Live progress: the job runs on the hub; this page only watches it (closing it changes nothing).
  usePolling(live, 1500, () => Promise.all([job.reload(), items.reload()]));

  const act = async (verb: 'pause' | 'resume' | 'cancel') => {
    const updated = await action.run(() => api.jobAction(params.id, verb));
    if (updated) {
      toast(verb === 'pause' ? 'Job paused' : verb === 'resume' ? 'Job resumed' : 'Job canceled');
      await Promise.all([job.reload(), items.reload()]);
    }
  };

  const data = job.data;
  const actions: PageAction[] = [];
  if (data?.status === 'running' || data?.status === 'queued')
    actions.push({ content: 'Pause', onAction: () => void act('pause'), loading: action.pending });
  if (data?.status === 'paused')
    actions.push({ content: 'Resume', onAction: () => void act('resume'), loading: action.pending });
  if (data && !isFinal(data.status))
    actions.push({
      content: 'Cancel job',
      destructive: true,
      onAction: () => void act('cancel'),
      loading: action.pending,
    });
  const toReview = data ? data.counts.succeeded - data.counts.approved - data.counts.rejected : 0;

  return (
    <Page
      title={data ? `Job: ${data.preset.name}` : 'Bulk job'}
      titleMetadata={data ? <Badge tone={jobStatusTone[data.status]}>{data.status}</Badge> : undefined}
      subtitle={
        data
          ? `Started ${dateTime(data.created_at)}${data.auto_publish ? ' · publishes without review' : ''}`
          : undefined
      }
      back={{ label: 'Bulk jobs', onAction: () => navigate('/jobs') }}
      primaryAction={
        data && data.counts.succeeded > 0
          ? {
              content: toReview ? `Review ${count(toReview)} images` : 'Review and publish',
              onAction: () => navigate(`/jobs/${params.id}/review`),
            }
          : undefined
      }
      secondaryActions={actions}
    >
      <ErrorBanner error={job.error} title="Could not load the job" onRetry={() => void job.reload()} />
      <ErrorBanner error={action.error} title="The job did not change" onDismiss={action.clearError} />
      {data ? (
        <JobSummary job={data} />
      ) : job.loading ? (
        <Card>
          <Loading label="Loading the job" />
        </Card>
      ) : null}
      <Card padding={false} title="Images">
        <div className="px-card-inset">
          <div style={{ maxWidth: '16rem' }}>
            <SelectField
              label="Show"
              value={filter}
              onChange={(value) => {
                setFilter(value as typeof filter);
                setCursors([null]);
              }}
              options={[
                { label: 'All images', value: '' },
                { label: 'Succeeded', value: 'succeeded' },
                { label: 'Failed', value: 'failed' },
                { label: 'Pending', value: 'pending' },
                { label: 'Processing', value: 'processing' },
                { label: 'Skipped', value: 'skipped' },
              ]}
            />
          </div>
        </div>
        {items.error ? (
          <div className="px-card-inset">
            <ErrorBanner
              error={items.error}
              title="Could not load the job’s images"
              onRetry={() => void items.reload()}
            />
          </div>
        ) : (
          <Table
            label="Images of this job"
            resourceName={{ singular: 'image', plural: 'images' }}
            rows={items.data?.items ?? []}
            columns={itemColumns}
            loading={items.loading && !items.data}
            empty={
              items.loading && !items.data ? (
                <div role="status" className="px-card-inset">
                  Loading images…
                </div>
              ) : (
                <Empty heading={filter ? `No ${filter} images` : 'No images in this job'} />
              )
            }
            pagination={{
              hasPrevious: cursors.length > 1,
              hasNext: Boolean(items.data?.next_cursor),
              onPrevious: () => setCursors((list) => list.slice(0, -1)),
              onNext: () => setCursors((list) => [...list, items.data!.next_cursor]),
            }}
          />
        )}
      </Card>
    </Page>
  );
}

function JobSummary({ job }: { job: Job }) {
  const { counts } = job;
  return (
    <>
      {job.status === 'paused' && job.paused_reason ? (
        <Banner
          tone="warning"
          title={job.paused_reason === 'insufficient_credits' ? 'Paused: out of credits' : 'Job paused'}
        >
          <p>{pauseReasons[job.paused_reason]}</p>
        </Banner>
      ) : null}
      {job.error ? (
        <ErrorBanner
          title="The job stopped with an error"
          error={{
            message: job.error.message,
            code: job.error.code,
            hubRequestId: job.error.hub_request_id ?? undefined,
          }}
        />
      ) : null}
      {job.status === 'completed' ? (
        <Banner tone="success" title="Job complete">
          <p>{`${count(counts.succeeded)} processed, ${count(counts.failed)} failed, ${count(counts.skipped)} skipped${job.finished_at ? ` · finished ${dateTime(job.finished_at)}` : ''}.`}</p>
        </Banner>
      ) : null}
      <Card title="Progress">
        <Progress value={jobProgress(job)} label="Job progress" />
        <Text tone="subdued">{`${count(counts.succeeded + counts.failed + counts.skipped)} of ${count(counts.total)} images done · ${count(counts.processing)} processing · ${count(counts.pending)} waiting`}</Text>
        <Grid columns={4}>
          <Stat label="Processed" value={count(counts.succeeded)} />
          <Stat label="Failed" value={count(counts.failed)} />
          <Stat label="Approved" value={count(counts.approved)} help={`${count(counts.rejected)} rejected`} />
          <Stat
            label="Published"
            value={count(counts.published)}
            help={`${count(counts.restored)} restored`}
          />
        </Grid>
      </Card>
    </>
  );
}
