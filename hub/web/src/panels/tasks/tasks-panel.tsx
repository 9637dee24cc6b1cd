import { useState } from 'react';
import { BlockStack, Card, InlineGrid, Layout, Page, Select, SkeletonBodyText, Text } from '@shopify/polaris';
import {
  FINISHED_TASK_STATUSES,
  operationNames,
  TASK_STATUSES,
  type Task,
  type TaskStatus,
} from '@pixport/shared';
import { useAction } from '../../api/use-action.js';
import { useCursorPages } from '../../api/use-cursor-pages.js';
import { useLoad } from '../../api/use-load.js';
import { usePolling } from '../../api/use-polling.js';
import { CursorPager } from '../../components/cursor-pager.js';
import { EmptyNote } from '../../components/empty-note.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { formatNumber } from '../../components/format.js';
import { Stat } from '../../components/stat.js';
import { useCan, useSession } from '../../session/session.js';
import { usePanelHref } from '../../shell/panels.js';
import { TaskRow } from './task-row.js';
import { RowList } from '../../components/row-list.js';

const POLL_MS = 1500;
const COUNTED: TaskStatus[] = ['queued', 'processing', 'succeeded', 'failed'];

/** Async tasks: counts by status, the list with filters and paging, progress that updates while tasks run. */
export default function TasksPanel() {
  const { client } = useSession();
  const canCancel = useCan('developer');
  const testerHref = usePanelHref('endpoints');
  const [status, setStatus] = useState('');
  const [operation, setOperation] = useState('');
  const stats = useLoad(() => client.taskStats(), [client]);
  const list = useCursorPages(
    (cursor) =>
      client.listTasks({
        status: (status || undefined) as TaskStatus | undefined,
        operation: operation || undefined,
        cursor,
        limit: 20,
      }),
    [client, status, operation],
  );
  const cancel = useAction();
  const tasks = list.rows;
  const running =
    tasks.some((task) => !FINISHED_TASK_STATUSES.includes(task.status)) ||
    (stats.data ? stats.data.counts.queued + stats.data.counts.processing > 0 : false);

  // While anything is queued or processing, the counts and the page refresh on their own.
  usePolling(running, POLL_MS, () => Promise.all([stats.reload(), list.reload()]));

  const cancelTask = async (task: Task) => {
    if (await cancel.run(() => client.cancelTask(task.id)))
      await Promise.all([list.reload(), stats.reload()]);
  };

  return (
    <Page
      title="Task queue"
      subtitle="Async tasks submitted with POST /api/v1/jobs or the plugin routes, newest first."
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <ErrorBanner error={stats.error} title="The counts could not load" />
            <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
              {COUNTED.map((name) => (
                <Stat
                  key={name}
                  label={name[0]!.toUpperCase() + name.slice(1)}
                  value={stats.data ? formatNumber(stats.data.counts[name]) : '…'}
                />
              ))}
            </InlineGrid>
            {stats.data ? (
              <Text as="p" tone="subdued">
                {`${formatNumber(stats.data.counts.canceled)} canceled, ${formatNumber(stats.data.counts.expired)} expired (results purged after the retention period).`}
                {running ? ' Updating live.' : ''}
              </Text>
            ) : null}
            <Card>
              <InlineGrid columns={{ xs: 1, sm: 2 }} gap="300">
                <Select
                  label="Status"
                  options={[
                    { label: 'Any status', value: '' },
                    ...TASK_STATUSES.map((value) => ({ label: value, value })),
                  ]}
                  value={status}
                  onChange={setStatus}
                />
                <Select
                  label="Operation"
                  options={[
                    { label: 'Any operation', value: '' },
                    ...operationNames.map((value) => ({ label: value, value })),
                  ]}
                  value={operation}
                  onChange={setOperation}
                />
              </InlineGrid>
            </Card>
            <ErrorBanner error={list.error} title="The tasks could not load" />
            <ErrorBanner
              error={cancel.error}
              title="The task was not canceled"
              onDismiss={cancel.clearError}
            />
            <Card padding="0">
              {!list.data && list.loading ? (
                <div style={{ padding: 16 }}>
                  <SkeletonBodyText lines={6} />
                </div>
              ) : tasks.length === 0 ? (
                status || operation ? (
                  <EmptyNote
                    heading="No task matches these filters"
                    action={{
                      content: 'Show every task',
                      onAction: () => (setStatus(''), setOperation('')),
                    }}
                  />
                ) : (
                  <EmptyNote
                    heading="No async tasks yet"
                    action={
                      testerHref ? { content: 'Submit one from the tester', url: testerHref } : undefined
                    }
                  >
                    Submit a task (POST /api/v1/jobs with an operation and its files) and follow it here until
                    it finishes.
                  </EmptyNote>
                )
              ) : (
                <RowList label="Tasks">
                  {tasks.map((task) => (
                    <TaskRow key={task.id} task={task} canCancel={canCancel} onCancel={cancelTask} />
                  ))}
                </RowList>
              )}
            </Card>
            <CursorPager pager={list.pager} previousLabel="Newer tasks" nextLabel="Older tasks" />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
