import { useEffect, useState } from 'react';
import { Badge, BlockStack, Button, InlineGrid, InlineStack, ProgressBar, Text } from '@shopify/polaris';
import { FINISHED_TASK_STATUSES, type Task, type TaskStatus } from '@pixport/shared';
import { describeError, type ErrorReport } from '../../api/errors.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { formatBytes, formatDuration } from '../../components/format.js';
import { TimeText } from '../../components/time-text.js';
import { useSession } from '../../session/session.js';
import { ListRow, RowTitle } from '../../components/row-list.js';

export const STATUS_TONE: Record<TaskStatus, 'info' | 'attention' | 'success' | 'critical' | undefined> = {
  queued: 'info',
  processing: 'attention',
  succeeded: 'success',
  failed: 'critical',
  canceled: undefined,
  expired: undefined,
};

/** How long a task ran (or has been running), from its timestamps. */
export function taskDuration(
  task: Pick<Task, 'started_at' | 'finished_at'>,
  now = Date.now(),
): number | null {
  if (!task.started_at) return null;
  return (task.finished_at ? Date.parse(task.finished_at) : now) - Date.parse(task.started_at);
}

/** One task: status and live progress, timing, its error, and what can be done with it (cancel, download, preview). */
export function TaskRow({
  task,
  canCancel,
  onCancel,
}: {
  task: Task;
  canCancel: boolean;
  onCancel: (task: Task) => Promise<void>;
}) {
  const { client } = useSession();
  const [preview, setPreview] = useState<{ url: string; name: string }>();
  const [error, setError] = useState<ErrorReport>();
  const [busy, setBusy] = useState(false);
  const finished = FINISHED_TASK_STATUSES.includes(task.status);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview.url)), [preview]);

  const fetchResult = async (mode: 'preview' | 'download') => {
    setBusy(true);
    setError(undefined);
    try {
      const file = await client.downloadTaskResult(task.id);
      const url = URL.createObjectURL(
        new Blob([file.data as Uint8Array<ArrayBuffer>], { type: file.contentType }),
      );
      const name = file.filename ?? task.output?.filename ?? `${task.id}`;
      if (mode === 'preview' && file.contentType.startsWith('image/')) setPreview({ url, name });
      else {
        const link = document.createElement('a');
        link.href = url;
        link.download = name;
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 0);
      }
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ListRow>
      <BlockStack gap="200">
        <RowTitle title={task.operation}>
          <Badge tone={STATUS_TONE[task.status]} toneAndProgressLabelOverride="Status">
            {task.status}
          </Badge>
          <Text as="span" tone="subdued" variant="bodySm">
            <code>{task.id}</code>
          </Text>
        </RowTitle>
        {!finished ? (
          <ProgressBar progress={task.progress} size="small" ariaLabelledBy={`progress-${task.id}`} />
        ) : null}
        <span id={`progress-${task.id}`} className="pxp-visually-hidden">
          {`Progress of task ${task.id}: ${task.progress} %`}
        </span>
        <InlineGrid columns={{ xs: 1, sm: 3 }} gap="200">
          <Text as="p" variant="bodySm">
            Created <TimeText value={task.created_at} />
          </Text>
          <Text as="p" variant="bodySm">
            {task.started_at
              ? `Ran ${formatDuration(taskDuration(task))}${finished ? '' : ' so far'}`
              : 'Waiting for a worker'}
            {task.attempts > 1 ? ` · attempt ${task.attempts}` : ''}
          </Text>
          <Text as="p" variant="bodySm">
            {task.output
              ? `${task.output.content_type}, ${formatBytes(task.output.bytes)}`
              : task.webhook
                ? `Callback: ${task.webhook.url}`
                : ''}
          </Text>
        </InlineGrid>
        {task.error ? (
          <Text as="p" tone="critical">
            <code>{task.error.code}</code>: {task.error.message}
          </Text>
        ) : null}
        <ErrorBanner
          error={error}
          title="The result could not be fetched"
          onDismiss={() => setError(undefined)}
        />
        <InlineStack gap="200" wrap>
          {task.status === 'succeeded' && task.output ? (
            <>
              {task.output.content_type.startsWith('image/') ? (
                <Button
                  onClick={() => void fetchResult('preview')}
                  loading={busy}
                  accessibilityLabel={`Preview the result of ${task.id}`}
                >
                  Preview
                </Button>
              ) : null}
              <Button
                onClick={() => void fetchResult('download')}
                accessibilityLabel={`Download the result of ${task.id}`}
              >
                Download
              </Button>
            </>
          ) : null}
          {canCancel && !finished && !task.cancel_requested ? (
            <Button
              tone="critical"
              onClick={() => void onCancel(task)}
              accessibilityLabel={`Cancel task ${task.id}`}
            >
              Cancel
            </Button>
          ) : null}
          {task.cancel_requested && !finished ? (
            <Text as="span" tone="subdued">
              Cancel requested: it stops at the next checkpoint.
            </Text>
          ) : null}
        </InlineStack>
        {preview ? (
          <img
            className="pxp-preview"
            src={preview.url}
            alt={`Result of task ${task.id} (${preview.name})`}
          />
        ) : null}
      </BlockStack>
    </ListRow>
  );
}
