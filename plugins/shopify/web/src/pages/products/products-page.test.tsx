import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startTestAppServer, type TestAppServer } from '../../../test-support/app-server/server.js';
import { renderApp, stubAppBridge, type BridgeStub } from '../../../test-support/render.js';

describe('Products page', () => {
  let server: TestAppServer;
  let bridge: BridgeStub;
  beforeEach(async () => {
    server = await startTestAppServer({ products: 60, tickMs: 50 });
    bridge = stubAppBridge(server);
  });
  afterEach(() => server.close());

  const table = () => screen.getByRole('region', { name: 'Products' });

  it('starts empty, syncs the catalog with progress, then lists products with compliance badges', async () => {
    const user = userEvent.setup();
    renderApp('/products', server.url);
    expect(await screen.findByText('No products synced yet')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Sync catalog' }));
    await waitFor(() =>
      expect(bridge.toasts).toContainEqual({ message: 'Catalog sync started', isError: false }),
    );
    await screen.findByText(/Last synced .*: 60 products\./);
    await within(table()).findByText('Classic Bottle 1');
    expect(within(table()).getAllByRole('row')).toHaveLength(26); // header + 25 on the first page
    // Product 1 fails Amazon's rules in the sandbox store and passes Google's and Shopify's.
    const first = within(table()).getByText('Classic Bottle 1').closest('tr')!;
    expect(within(first).getByLabelText('Amazon: fails')).toBeTruthy();
    expect(within(first).getByLabelText('Google: fails')).toBeTruthy();
    expect(within(first).getByLabelText('Shopify: fails')).toBeTruthy();
    const second = within(table()).getByText('Everyday Bag 2').closest('tr')!;
    expect(within(second).getByLabelText('Google: not checked yet')).toBeTruthy();
    const third = within(table()).getByText('Trail Lamp 3').closest('tr')!;
    expect(within(third).getByLabelText('Amazon: fails')).toBeTruthy();
    expect(within(third).getByLabelText('Google: passes')).toBeTruthy();
    expect(screen.getByText('60 products match')).toBeTruthy();
  });

  it('filters by vendor and "fails compliance" and searches by title', async () => {
    const user = userEvent.setup();
    renderApp('/products', server.url);
    await user.click(await screen.findByRole('button', { name: 'Sync catalog' }));
    await within(table()).findByText('Classic Bottle 1');

    await user.selectOptions(screen.getByLabelText('Fails compliance'), 'amazon');
    const failing = server.store.filter((p) => p.compliance.amazon === 'fail').length;
    await screen.findByText(`${failing} products match`);
    // The filter choices come from the synced catalog (reloaded when the sync finished).
    await screen.findByRole('option', { name: 'Alpine Goods' });
    await user.selectOptions(screen.getByLabelText('Vendor'), 'Alpine Goods');
    const both = server.store.filter(
      (p) => p.compliance.amazon === 'fail' && p.vendor === 'Alpine Goods',
    ).length;
    await screen.findByText(`${both} products match`);
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await screen.findByText('60 products match');
    await user.type(screen.getByLabelText('Search products'), 'Lamp 3');
    // "Lamp 3", "Lamp 31", "Lamp 35"…: the server's substring search, after the 300 ms pause.
    const expected = server.store.filter((p) => p.title.includes('Lamp 3')).length;
    await screen.findByText(`${expected} products match`);
    await user.clear(screen.getByLabelText('Search products'));
    await user.type(screen.getByLabelText('Search products'), 'no such product');
    await screen.findByText('No products match');
  });

  it('selects all matching products across pages and hands the filters to the new job', async () => {
    const user = userEvent.setup();
    renderApp('/products', server.url);
    await user.click(await screen.findByRole('button', { name: 'Sync catalog' }));
    await within(table()).findByText('Classic Bottle 1');
    await user.selectOptions(screen.getByLabelText('Status'), 'active');
    const active = server.store.filter((p) => p.status === 'active').length;
    await screen.findByText(`${active} products match`);
    await user.click(within(table()).getAllByRole('checkbox')[0]!);
    await user.click(await screen.findByRole('button', { name: `Select all ${active} products` }));
    await screen.findByText(`All ${active} products are selected`);
    await user.click(screen.getAllByRole('button', { name: `Process ${active} products` })[0]!);
    await screen.findByRole('heading', { name: 'New bulk job' });
    expect(window.location.search).toBe('?all=1&status=active');
    await waitFor(() =>
      expect(screen.getByLabelText('Credit estimate').textContent).toContain(String(active)),
    );
  });

  it('shows a readable error with the request ids when the hub is down, and recovers on retry', async () => {
    const user = userEvent.setup();
    server.setHubDown(true);
    renderApp('/products', server.url);
    await user.click(await screen.findByRole('button', { name: 'Sync catalog' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The Pixport hub did not answer');
    expect(within(alert).getByTestId('request-id').textContent).toMatch(/^req_/);
    expect(within(alert).getByTestId('hub-request-id').textContent).toMatch(/^req_hub_/);
    server.setHubDown(false);
    await user.click(screen.getByRole('button', { name: 'Sync catalog' }));
    await within(table()).findByText('Classic Bottle 1');
  });
});
