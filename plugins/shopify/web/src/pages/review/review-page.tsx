import { useState } from 'react';
import type { JobItem, ReviewState } from '../../../../server/src/api/contract.js';
import { useApi } from '../../api/api-context.js';
import { useAction } from '../../api/use-action.js';
import { useLoad } from '../../api/use-load.js';
import { usePolling } from '../../api/use-polling.js';
import { toast } from '../../bridge/shopify.js';
import { isFinal, plural } from '../../format.js';
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
  Text,
} from '../../ui/index.js';
import { BeforeAfter } from './before-after.js';

const reviewTone = { pending: 'attention', approved: 'success', rejected: 'critical' } as const;

export default function ReviewPage({ params }: { params: { id: string } }) {
  const api = useApi();
  const { navigate } = useRouter();
  const [show, setShow] = useState<'' | ReviewState>('pending');
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const job = useLoad(() => api.job(params.id), [api, params.id]);
  const items = useLoad(
    () =>
      api.items(params.id, {
        status: 'succeeded',
        review: show || undefined,
        cursor: cursors[cursors.length - 1],
        limit: 24,
      }),
    [api, params.id, show, cursors],
  );
  const action = useAction();
  const publishing =
    job.data && job.data.counts.approved > job.data.counts.published + job.data.counts.restored;
  usePolling(Boolean(job.data && (!isFinal(job.data.status) || publishing)), 2000, () =>
    Promise.all([job.reload(), items.reload()]),
  );

  const refresh = () => Promise.all([job.reload(), items.reload()]);
  const decide = async (
    decision: 'approved' | 'rejected',
    target: { item_ids: string[] } | { all: true },
  ) => {
    const answer = await action.run(() => api.review(params.id, { decision, ...target }));
    if (answer) {
      toast(`${plural(answer.updated, 'image')} ${decision}`);
      await refresh();
    }
  };
  const publish = async (target: { item_ids: string[] } | { all: true }) => {
    const answer = await action.run(() => api.publish(params.id, target));
    if (answer) {
      toast(`Publishing ${plural(answer.queued, 'image')} to your store`);
      await refresh();
    }
  };

  const data = job.data;
  const approvedWaiting = data ? data.counts.approved - data.counts.published - data.counts.restored : 0;
  const pendingReview = data ? data.counts.succeeded - data.counts.approved - data.counts.rejected : 0;

  return (
    <Page
      title="Review"
      subtitle={data ? `${data.preset.name} · ${plural(pendingReview, 'image')} to review` : undefined}
      back={{ label: 'Job', onAction: () => navigate(`/jobs/${params.id}`) }}
      primaryAction={{
        content:
          approvedWaiting > 0 ? `Publish ${plural(approvedWaiting, 'approved image')}` : 'Publish approved',
        onAction: () => void publish({ all: true }),
        disabled: approvedWaiting <= 0,
        loading: action.pending,
      }}
      secondaryActions={[
        {
          content: 'Approve all',
          onAction: () => void decide('approved', { all: true }),
          disabled: pendingReview <= 0,
        },
        {
          content: 'Reject all',
          onAction: () => void decide('rejected', { all: true }),
          disabled: pendingReview <= 0,
        },
      ]}
    >
      <ErrorBanner error={job.error} title="Could not load the job" onRetry={() => void job.reload()} />
      <ErrorBanner error={action.error} title="That did not work" onDismiss={action.clearError} />
      {data?.auto_publish ? (
        <Banner tone="info" title="This job publishes without review">
          <p>
            Auto-publish was on when it started: each result goes to your store as soon as it is processed.
            You can still reject or restore any image.
          </p>
        </Banner>
      ) : (
        <Banner tone="info" title="Nothing reaches your store until you approve and publish it">
          <p>Publishing keeps each original image: you can restore it from the Undo page at any time.</p>
        </Banner>
      )}
      <Card>
        <div style={{ maxWidth: '16rem' }}>
          <SelectField
            label="Show"
            value={show}
            onChange={(value) => {
              setShow(value as typeof show);
              setCursors([null]);
            }}
            options={[
              { label: 'Waiting for review', value: 'pending' },
              { label: 'Approved', value: 'approved' },
              { label: 'Rejected', value: 'rejected' },
              { label: 'All processed images', value: '' },
            ]}
          />
        </div>
      </Card>
      {items.error ? (
        <ErrorBanner
          error={items.error}
          title="Could not load the images"
          onRetry={() => void items.reload()}
        />
      ) : items.loading && !items.data ? (
        <Card>
          <Loading label="Loading the images" lines={6} />
        </Card>
      ) : (items.data?.items.length ?? 0) === 0 ? (
        <Card>
          <Empty heading={show === 'pending' ? 'Nothing waiting for review' : 'No images here'}>
            {show === 'pending' && data && !isFinal(data.status)
              ? 'Images appear here as the job processes them.'
              : 'Choose another view above.'}
          </Empty>
        </Card>
      ) : (
        <ul className="px-review-grid" aria-label="Images to review">
          {items.data!.items.map((item) => (
            <ReviewItem
              key={item.id}
              item={item}
              busy={action.pending}
              onDecide={(decision) => void decide(decision, { item_ids: [item.id] })}
              onPublish={() => void publish({ item_ids: [item.id] })}
            />
          ))}
        </ul>
      )}
      {cursors.length > 1 || items.data?.next_cursor ? (
        <Stack direction="row" align="center">
          <Button disabled={cursors.length <= 1} onClick={() => setCursors((list) => list.slice(0, -1))}>
            Previous
          </Button>
          <Button
            disabled={!items.data?.next_cursor}
            onClick={() => setCursors((list) => [...list, items.data!.next_cursor])}
          >
            Next
          </Button>
        </Stack>
      ) : null}
    </Page>
  );
}

function ReviewItem({
  item,
  busy,
  onDecide,
  onPublish,
}: {
  item: JobItem;
  busy: boolean;
  onDecide: (decision: 'approved' | 'rejected') => void;
  onPublish: () => void;
}) {
  const name = `${item.product_title}, image ${item.position}`;
  return (
    <li aria-label={name}>
      <Card>
        <Stack gap="tight">
          <Stack direction="row" align="space-between">
            <Text strong>{item.product_title}</Text>
            <Stack direction="row" gap="tight">
              <Badge tone={reviewTone[item.review]}>{item.review}</Badge>
              {item.publish !== 'none' ? (
                <Badge tone={item.publish === 'failed' ? 'critical' : 'info'}>{item.publish}</Badge>
              ) : null}
            </Stack>
          </Stack>
          <BeforeAfter title={name} beforeUrl={item.before_url} afterUrl={item.after_url} />
          {item.error ? (
            <Text tone="critical" size="sm">
              {item.error.message}
            </Text>
          ) : null}
          <Buttons>
            <Button
              onClick={() => onDecide('approved')}
              disabled={busy || item.review === 'approved'}
              label={`Approve ${name}`}
            >
              Approve
            </Button>
            <Button
              onClick={() => onDecide('rejected')}
              disabled={busy || item.review === 'rejected'}
              tone="critical"
              label={`Reject ${name}`}
            >
              Reject
            </Button>
            {item.review === 'approved' &&
            (item.publish === 'none' || item.publish === 'failed' || item.publish === 'restored') ? (
              <Button variant="primary" onClick={onPublish} disabled={busy} label={`Publish ${name}`}>
                Publish
              </Button>
            ) : null}
          </Buttons>
        </Stack>
      </Card>
    </li>
  );
}
