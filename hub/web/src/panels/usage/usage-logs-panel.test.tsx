import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startRealHub, type RealHub } from '../../../test-support/real-hub.js';
import { renderSignedIn } from '../../../test-support/render.js';
import { allLogs, logsCsv, NO_FILTERS } from './usage-logs.js';
import UsageLogsPanel from './usage-logs-panel.js';

describe('the usage logs panel, on a real hub', () => {
  let hub: RealHub;
  beforeAll(async () => {
    hub = await startRealHub();
  });
  afterAll(() => hub.close());

  it('lists the requests, filters them by status and pages through them with the cursor', async () => {
    const { client } = await hub.newAccount('Logs');
    const created = await client.createKey({ name: 'logger' });
    const caller = hub.keyClient(created.key);
    for (let i = 0; i < 27; i++) await caller.validateKey();
    const bad = hub.keyClient(undefined);
    await bad.raw({
      url: '/api/v1/usage',
      headers: { 'X-API-Key': created.key, 'X-Pixport-Client': 'wordpress' },
      params: { from: 'nope' },
    });

    const user = userEvent.setup();
    await renderSignedIn(<UsageLogsPanel />, client, hub.keyClient);
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 25);
    // The key column names each row's key once the key list has loaded (until then it shows "…").
    await waitFor(() => expect(within(table).getAllByText(created.masked).length).toBe(25));

    await user.click(screen.getByRole('button', { name: 'Older requests' }));
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(1 + 3));
    await user.click(screen.getByRole('button', { name: 'Newer requests' }));
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(1 + 25));

    await user.type(screen.getByLabelText('HTTP status'), '422');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2));
    expect(within(screen.getByRole('table')).getByText(/WordPress/)).toBeTruthy();

    await user.clear(screen.getByLabelText('HTTP status'));
    await user.type(screen.getByLabelText('HTTP status'), '418');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(await screen.findByText('No request matches these filters')).toBeTruthy();
  });

  it('exports every matching row, following the cursor past one page', async () => {
    const { client } = await hub.newAccount('Export');
    const created = await client.createKey({ name: 'exporter' });
    const caller = hub.keyClient(created.key);
    for (let i = 0; i < 5; i++) await caller.validateKey();
    const { rows, truncated } = await allLogs(client, NO_FILTERS, 3);
    expect(rows).toHaveLength(3);
    expect(truncated).toBe(true);
    const all = await allLogs(client, NO_FILTERS);
    expect(all).toMatchObject({ truncated: false });
    expect(all.rows).toHaveLength(5);
    const csv = logsCsv(all.rows, [created]).trimEnd().split('\r\n');
    expect(csv[0]).toBe(
      'time,method,route,operation,status,duration_ms,bytes_in,bytes_out,units,heavy,key,platform,ip,request_id',
    );
    expect(csv).toHaveLength(6);
    expect(csv[1]).toContain(`exporter (${created.masked})`);
    expect(csv[1]).toMatch(/,req_[A-Za-z0-9_-]+$/);
  });

  it('says what to do when nothing was logged yet', async () => {
    const { client } = await hub.newAccount('Empty');
    await renderSignedIn(<UsageLogsPanel />, client, hub.keyClient);
    expect(await screen.findByText('No API requests logged yet')).toBeTruthy();
  });
});
