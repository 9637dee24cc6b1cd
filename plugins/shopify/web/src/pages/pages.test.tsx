import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startTestAppServer, type TestAppServer } from '../../test-support/app-server/server.js';
import { renderApp, stubAppBridge, type BridgeStub } from '../../test-support/render.js';

describe('Home, automation, usage and the empty states', () => {
  let server: TestAppServer;
  let bridge: BridgeStub;
  beforeEach(async () => {
    server = await startTestAppServer({ products: 5, credits: 20, tickMs: 0 });
    bridge = stubAppBridge(server);
  });
  afterEach(() => server.close());

  const call = async (method: string, path: string, body?: unknown) => {
    const token = await (
      globalThis as unknown as { shopify: { idToken(): Promise<string> } }
    ).shopify.idToken();
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as Record<string, unknown>;
  };

  it('Home shows credits and the getting-started card until the first publish', async () => {
    const first = renderApp('/', server.url);
    await screen.findByText('Get started');
    expect(
      screen.getByRole('list', { name: 'Getting started' }).querySelector('[aria-current="step"]')!
        .textContent,
    ).toContain('Sync your catalog');
    expect(screen.getByText('20')).toBeTruthy();
    first.unmount();

    await call('POST', '/api/catalog/sync');
    server.tick();
    const job = await call('POST', '/api/jobs', {
      preset_id: 'mk_amazon_main',
      selection: { product_ids: [server.store[0]!.id] },
      images: 'main',
      auto_publish: true,
    });
    for (let i = 0; i < 3; i++) server.tick();
    expect(server.engine.get(job.id as string)!.job.counts.published).toBe(1);
    renderApp('/', server.url);
    await screen.findByText('Images processed');
    await waitFor(() => expect(screen.getByText('19')).toBeTruthy());
    expect(screen.queryByText('Get started')).toBeNull();
  });

  it('Automation: cannot be enabled without a preset; saves and reloads', async () => {
    const user = userEvent.setup();
    const first = renderApp('/automation', server.url);
    const enable = await screen.findByLabelText('Process images of new and updated products automatically');
    await user.click(enable);
    const save = screen.getByRole('button', { name: 'Save' });
    expect(save.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByText('Choose the preset automation uses.')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Preset'), 'pre_saved_1');
    await user.click(screen.getByRole('radio', { name: 'Publish straight to the store' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(bridge.toasts.map((t) => t.message)).toContain('Automation saved'));
    expect(await call('GET', '/api/automation')).toEqual({
      enabled: true,
      preset_id: 'pre_saved_1',
      mode: 'publish',
    });
    first.unmount();
    renderApp('/automation', server.url);
    await waitFor(() =>
      expect((screen.getByLabelText('Preset') as HTMLSelectElement).value).toBe('pre_saved_1'),
    );
    expect(
      (screen.getByRole('radio', { name: 'Publish straight to the store' }) as HTMLInputElement).checked,
    ).toBe(true);
  });

  it('Usage shows an empty period, then usage by day and operation', async () => {
    const first = renderApp('/usage', server.url);
    await screen.findByText('No usage in this period');
    first.unmount();
    await call('POST', '/api/catalog/sync');
    server.tick();
    await call('POST', '/api/jobs', {
      preset_id: 'mk_soft_shadow',
      selection: { product_ids: [server.store[0]!.id, server.store[1]!.id] },
      images: 'main',
      auto_publish: false,
    });
    for (let i = 0; i < 3; i++) server.tick();
    renderApp('/usage', server.url);
    const table = await screen.findByRole('table', { name: /Requests and credits by day and operation/ });
    const row = [...table.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent),
    );
    expect(row).toEqual([[new Date().toISOString().slice(0, 10), 'process', '2', '4']]);
    expect(screen.getByText('16')).toBeTruthy();
  });

  it('lists say when they are empty, and an unknown path says so', async () => {
    const jobs = renderApp('/jobs', server.url);
    await screen.findByText('No bulk jobs yet');
    jobs.unmount();
    const undo = renderApp('/undo', server.url);
    await screen.findByText('Nothing published yet');
    undo.unmount();
    const lost = renderApp('/no-such-page', server.url);
    await screen.findByRole('heading', { name: 'Page not found' });
    lost.unmount();
    renderApp('/jobs/new', server.url);
    await screen.findByText('No products selected');
  });

  it('a job that does not exist is an error banner with the request id, not a blank page', async () => {
    renderApp('/jobs/job_missing', server.url);
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent).join(' ')).toContain('No such job.');
    expect(screen.getAllByTestId('request-id')[0]!.textContent).toMatch(/^req_/);
  });
});
