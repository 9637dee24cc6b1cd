import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { pngDeclaring, productOn } from '../../../../src/processing/test-images.js';
import type { Task } from '@pixport/shared';
import { postMultipart } from '../../../test-support/multipart.js';
import { renderSignedIn } from '../../../test-support/render.js';
import { startRealHub, type RealHub } from '../../../test-support/real-hub.js';
import { taskDuration } from './task-row.js';
import TasksPanel from './tasks-panel.js';

describe('the task queue, on a real hub', () => {
  let hub: RealHub;
  let image: Uint8Array;
  beforeAll(async () => {
    hub = await startRealHub();
    image = new Uint8Array(
      await productOn(
        '#ffffff',
        { width: 320, height: 240 },
        { left: 100, top: 60, width: 120, height: 120 },
      ),
    );
  }, 60_000);
  afterAll(() => hub.close());

  it('counts tasks by status and follows them live to their end, with the error of a failed one', async () => {
    const { client } = await hub.newAccount('Queue');
    const created = await client.createKey({ name: 'tasks' });
    const caller = hub.keyClient(created.key);
    const user = userEvent.setup();
    await renderSignedIn(<TasksPanel />, client, hub.keyClient);
    expect(await screen.findByText('No async tasks yet')).toBeTruthy();

    const good = await postMultipart<Task>(caller, '/api/v1/jobs', {
      operation: 'process',
      width: '200',
      height: '200',
      image: { data: image, filename: 'shoe.jpg', type: 'image/jpeg' },
    });
    const bad = await postMultipart<Task>(caller, '/api/v1/jobs', {
      operation: 'process',
      // A PNG whose header is fine but has no pixel data: accepted at submit, fails when the worker decodes it.
      image: { data: new Uint8Array(pngDeclaring(8, 8)), filename: 'empty.png', type: 'image/png' },
    });
    // The panel only polls while something runs: nudge it once by changing a filter, as a user would.
    await user.selectOptions(screen.getByLabelText('Operation'), 'process');
    const tasks = await screen.findByRole('list', { name: 'Tasks' });
    await waitFor(() => expect(within(tasks).getAllByRole('listitem')).toHaveLength(2), { timeout: 10_000 });
    await waitFor(
      () => expect(within(screen.getByRole('list', { name: 'Tasks' })).getByText('succeeded')).toBeTruthy(),
      { timeout: 30_000 },
    );
    await waitFor(
      () => expect(within(screen.getByRole('list', { name: 'Tasks' })).getByText('failed')).toBeTruthy(),
      { timeout: 30_000 },
    );
    expect(screen.getByText(bad.id).closest('li')!.textContent).toMatch(/invalid_image/);

    const succeeded = screen.getByText(good.id).closest('li')!;
    await user.click(within(succeeded).getByRole('button', { name: `Preview the result of ${good.id}` }));
    expect(
      await within(succeeded).findByRole('img', { name: new RegExp(`Result of task ${good.id}`) }),
    ).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Status'), 'failed');
    await waitFor(() =>
      expect(within(screen.getByRole('list', { name: 'Tasks' })).getAllByRole('listitem')).toHaveLength(1),
    );
    expect(screen.getByText(bad.id)).toBeTruthy();
  });

  it('measures a task’s duration from its start, and running ones up to now', () => {
    expect(taskDuration({ started_at: null, finished_at: null })).toBeNull();
    expect(
      taskDuration({ started_at: '2026-11-21T08:00:00.000Z', finished_at: '2026-11-21T08:00:02.500Z' }),
    ).toBe(2500);
    expect(
      taskDuration(
        { started_at: '2026-11-21T08:00:00.000Z', finished_at: null },
        Date.parse('2026-11-21T08:00:10.000Z'),
      ),
    ).toBe(10_000);
  });
});
