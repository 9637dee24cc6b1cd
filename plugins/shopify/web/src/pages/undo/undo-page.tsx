import { useEffect, useState } from 'react';
import type { JobItem, RestoreBody } from '../../../../server/src/api/contract.js';
import { useApi } from '../../api/api-context.js';
import { useAction } from '../../api/use-action.js';
import { useLoad } from '../../api/use-load.js';
import { usePolling } from '../../api/use-polling.js';
import { toast } from '../../bridge/shopify.js';
import { dateTime, plural } from '../../format.js';
import { useRouter } from '../../router/router.js';
import {
  Badge,
  Banner,
  Button,
  Buttons,
  Card,
  Empty,
  ErrorBanner,
  Loading,
  Page,
  SelectField,
  Stack,
  Table,
  Text,
  Thumbnail,
  type Column,
} from '../../ui/index.js';

/** Undo: every published image keeps its original; put back one image, one product, or a whole job. */
export default function UndoPage() {
  const api = useApi();
  const { navigate } = useRouter();
  const jobs = useLoad(() => api.jobs(null, 50), [api]);
  const withPublished = (jobs.data?.jobs ?? []).filter(
    (job) => job.counts.published > 0 || job.counts.restored > 0,
  );
  const [jobId, setJobId] = useState('');
  useEffect(() => {
    if (!jobId && withPublished[0]) setJobId(withPublished[0].id);
  }, [withPublished, jobId]);
  const job = withPublished.find((candidate) => candidate.id === jobId);
  const items = useLoad(
    () => (jobId ? api.items(jobId, { limit: 100 }) : Promise.resolve({ items: [], next_cursor: null })),
    [api, jobId],
  );
  const changed = (items.data?.items ?? []).filter((item) => item.publish !== 'none');
  const action = useAction();
  usePolling(
    changed.some((item) => item.publish === 'restoring' || item.publish === 'publishing'),
    1500,
    () => Promise.all([items.reload(), jobs.reload()]),
  );

  const restore = async (body: RestoreBody, what: string) => {
    const answer = await action.run(() => api.restore(body));
    if (answer) {
      toast(`Restoring ${what}`);
      await Promise.all([items.reload(), jobs.reload()]);
    }
  };

  const columns: Column<JobItem>[] = [
    {
      heading: 'Image',
      hidden: true,
      render: (item) => (
        <Thumbnail url={item.before_url} alt={`Original of ${item.product_title}, image ${item.position}`} />
      ),
    },
    {
      heading: 'Product',
      render: (item) => (
        <Stack gap="none">
          <Text strong>{item.product_title}</Text>
          <Text
            tone="subdued"
            size="sm"
          >{`Image ${item.position}${item.alt ? ` · alt “${item.alt}”` : ''}`}</Text>
        </Stack>
      ),
    },
    {
      heading: 'In the store',
      render: (item) => (
        <Badge
          tone={
            item.publish === 'published'
              ? 'success'
              : item.publish === 'restored'
                ? 'neutral'
                : item.publish === 'failed'
                  ? 'critical'
                  : 'info'
          }
        >
          {item.publish === 'published'
            ? 'Pixport image'
            : item.publish === 'restored'
              ? 'Original restored'
              : item.publish}
        </Badge>
      ),
    },
    {
      heading: 'Undo',
      render: (item) =>
        item.publish === 'published' ? (
          <Buttons>
            <Button
              onClick={() => void restore({ item_ids: [item.id] }, 'one image')}
              disabled={action.pending}
              label={`Restore image ${item.position} of ${item.product_title}`}
            >
              Restore image
            </Button>
            <Button
              variant="plain"
              onClick={() => void restore({ product_id: item.product_id }, item.product_title)}
              disabled={action.pending}
              label={`Whole product: restore every image of ${item.product_title}`}
            >
              Whole product
            </Button>
          </Buttons>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Page
      title="Undo"
      subtitle="Originals are kept until you delete them: restore any published image, with its alt text and variant links"
      primaryAction={
        job && job.counts.published > 0
          ? {
              content: `Restore the whole job (${plural(job.counts.published, 'image')})`,
              destructive: true,
              onAction: () => void restore({ job_id: job.id }, 'the whole job'),
              loading: action.pending,
            }
          : undefined
      }
    >
      <ErrorBanner error={jobs.error} title="Could not load jobs" onRetry={() => void jobs.reload()} />
      <ErrorBanner error={action.error} title="The restore did not start" onDismiss={action.clearError} />
      {jobs.loading && !jobs.data ? (
        <Card>
          <Loading label="Loading published jobs" />
        </Card>
      ) : jobs.data && withPublished.length === 0 ? (
        <Card>
          <Empty
            heading="Nothing published yet"
            action={{ content: 'Open bulk jobs', onAction: () => navigate('/jobs') }}
          >
            Images you publish from a job appear here, each with its original ready to put back.
          </Empty>
        </Card>
      ) : withPublished.length ? (
        <>
          <Card>
            <div style={{ maxWidth: '28rem' }}>
              <SelectField
                label="Job"
                value={jobId}
                onChange={setJobId}
                options={withPublished.map((candidate) => ({
                  label: `${candidate.preset.name} · ${dateTime(candidate.created_at)} · ${plural(candidate.counts.published, 'published image')}`,
                  value: candidate.id,
                }))}
              />
            </div>
          </Card>
          {items.error ? (
            <ErrorBanner
              error={items.error}
              title="Could not load the job’s images"
              onRetry={() => void items.reload()}
            />
          ) : (
            <Card padding={false}>
              <Table
                label="Published images"
                resourceName={{ singular: 'image', plural: 'images' }}
                rows={changed}
                columns={columns}
                loading={items.loading && !items.data}
                empty={
                  items.loading ? (
                    <div role="status" className="px-card-inset">
                      Loading images…
                    </div>
                  ) : (
                    <Empty heading="No published images in this job" />
                  )
                }
              />
            </Card>
          )}
          {items.data?.next_cursor ? (
            <Banner tone="info" title="Showing the first 100 images">
              <p>Restoring the whole job covers every image, including those not listed.</p>
            </Banner>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
