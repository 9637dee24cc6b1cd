import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startTestAppServer, type TestAppServer } from '../../../test-support/app-server/server.js';
import { renderApp, stubAppBridge, type BridgeStub } from '../../../test-support/render.js';

/** A job from the new-job page to undo, with the server's clock driven by the test (tickMs 0). */
describe('bulk job, review and undo', () => {
  let server: TestAppServer;
  let bridge: BridgeStub;
  beforeEach(async () => {
    server = await startTestAppServer({ products: 12, credits: 5, tickMs: 0, batch: 3 });
    bridge = stubAppBridge(server);
    server.tick(); // the sync the merchant started earlier
    await act(async () => {
      await fetchJson('POST', '/api/catalog/sync');
    });
    server.tick();
  });
  afterEach(() => server.close());

  const fetchJson = async (method: string, path: string, body?: unknown) => {
    const token = await (
      globalThis as unknown as { shopify: { idToken(): Promise<string> } }
    ).shopify.idToken();
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.json() as Promise<Record<string, unknown>>;
  };
  const ticks = async (n: number) => {
    for (let i = 0; i < n; i++) server.tick();
  };

  it('previews three products before any credit is spent, estimates, and runs', async () => {
    const user = userEvent.setup();
    const ids = server.store.slice(0, 4).map((p) => p.id);
    renderApp(`/jobs/new?ids=${ids.join(',')}`, server.url);
    await screen.findByText('For 4 selected products');
    await user.selectOptions(await screen.findByLabelText('Preset'), 'mk_soft_shadow');
    const estimate = () => screen.getByLabelText('Credit estimate').textContent;
    await waitFor(() => expect(estimate()).toMatch(/Images4Credits per image2Credits needed8Credits left5/));
    expect(screen.getByText('Not enough credits for the whole job')).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'All images of each product' }));
    await waitFor(() => expect(estimate()).toContain('Images7')); // 1 + 2 + 3 + 1 images
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findAllByRole('img', { name: /: after$/ })).toHaveLength(3);
    expect(server.ledger.credits_remaining).toBe(5); // previews are free
    await user.click(screen.getByRole('button', { name: 'Run on 7 images' }));
    await screen.findByRole('heading', { name: 'Job: Remove background + soft shadow' });
    expect(bridge.toasts.map((t) => t.message)).toContain('Bulk job started');
    expect(server.engine.records[0]!.job.images).toBe('all');
  });

  it('pauses out of credits and says why, resumes when credits return; pause, resume and cancel by the merchant', async () => {
    const user = userEvent.setup();
    const job = await fetchJson('POST', '/api/jobs', {
      preset_id: 'mk_amazon_main',
      selection: { all: true, filters: {} },
      images: 'main',
      auto_publish: false,
    });
    renderApp(`/jobs/${job.id}`, server.url);
    await screen.findByRole('heading', { name: 'Job: Amazon main image' });
    await ticks(4);
    expect(await screen.findByText('Paused: out of credits', undefined, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByText(/resumes by itself when credits return/)).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Job progress' }).parentElement!.textContent).toContain(
      '5 of 12 images done',
    );
    expect(server.ledger.credits_remaining).toBe(0);

    // Resuming with no credits is refused with the reason.
    await user.click(screen.getByRole('button', { name: 'Resume' }));
    await waitFor(() =>
      expect(
        screen
          .getAllByRole('alert')
          .map((alert) => alert.textContent)
          .join(' '),
      ).toContain('Still out of credits'),
    );

    // A top-up: the job resumes by itself on the next step.
    server.addCredits(100);
    server.tick();
    await waitFor(() => expect(screen.queryByText('Paused: out of credits')).toBeNull(), { timeout: 10_000 });
    await user.click(await screen.findByRole('button', { name: 'Pause' }));
    await screen.findByText('Job paused');
    expect(screen.getByText(/You paused this job/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Resume' }));
    await screen.findByRole('button', { name: 'Pause' });
    await user.click(screen.getByRole('button', { name: 'Cancel job' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Cancel job' })).toBeNull());
    expect(server.engine.records[0]!.job.status).toBe('canceled');
    const counts = server.engine.records[0]!.job.counts;
    // Five images, one credit each, charged once; what was in flight when paused went back unpaid.
    expect(counts.succeeded).toBe(5);
    expect(counts.skipped).toBe(7);
    expect(server.ledger.credits_remaining).toBe(100);
    expect(server.ledger.credits_reserved).toBe(0);
  });

  it('shows a product deleted mid-job as that image’s error, and the job goes on', async () => {
    server.addCredits(100);
    const job = await fetchJson('POST', '/api/jobs', {
      preset_id: 'mk_amazon_main',
      selection: { product_ids: server.store.slice(0, 3).map((p) => p.id) },
      images: 'main',
      auto_publish: false,
    });
    server.deleteProduct(server.store[1]!.id);
    renderApp(`/jobs/${job.id}`, server.url);
    await ticks(3);
    await screen.findByText('Job complete', undefined, { timeout: 10_000 });
    const table = screen.getByRole('region', { name: 'Images of this job' });
    const row = (await within(table).findByText('Everyday Bag 2')).closest('tr')!;
    expect(within(row).getByText('failed')).toBeTruthy();
    expect(within(row).getByText(/deleted from the store.*\(not_found\)/)).toBeTruthy();
  });

  it('reviews one by one and all, publishes only approved images, and restores a product', async () => {
    const user = userEvent.setup();
    server.addCredits(100);
    const job = await fetchJson('POST', '/api/jobs', {
      preset_id: 'mk_white_square',
      selection: { product_ids: server.store.slice(0, 4).map((p) => p.id) },
      images: 'main',
      auto_publish: false,
    });
    await ticks(3);
    renderApp(`/jobs/${job.id}/review`, server.url);
    const grid = await screen.findByRole('list', { name: 'Images to review' });
    expect(within(grid).getAllByRole('listitem')).toHaveLength(4);
    await user.click(screen.getByRole('button', { name: 'Reject Classic Bottle 1, image 1' }));
    await waitFor(() =>
      expect(
        within(screen.getByRole('list', { name: 'Images to review' })).getAllByRole('listitem'),
      ).toHaveLength(3),
    );
    await user.click(screen.getByRole('button', { name: 'Approve Everyday Bag 2, image 1' }));
    await user.click(screen.getByRole('button', { name: 'Approve all' }));
    await screen.findByText('Nothing waiting for review');
    await user.click(screen.getByRole('button', { name: 'Publish 3 approved images' }));
    await waitFor(() =>
      expect(bridge.toasts.map((t) => t.message)).toContain('Publishing 3 images to your store'),
    );
    server.tick();
    expect(server.store.slice(0, 4).map((p) => p.images[0]!.live === 'original')).toEqual([
      true,
      false,
      false,
      false,
    ]);

    renderApp('/undo', server.url);
    const table = await screen.findByRole('region', { name: 'Published images' });
    await user.click(
      await within(table).findByRole('button', {
        name: 'Whole product: restore every image of Trail Lamp 3',
      }),
    );
    server.tick();
    await waitFor(() => expect(server.store[2]!.images[0]!.live).toBe('original'));
    expect(server.store[1]!.images[0]!.live).not.toBe('original');
  });

  it('says an auto-publish job needs no review', async () => {
    server.addCredits(100);
    const job = await fetchJson('POST', '/api/jobs', {
      preset_id: 'mk_white_square',
      selection: { product_ids: [server.store[0]!.id] },
      images: 'main',
      auto_publish: true,
    });
    await ticks(3);
    renderApp(`/jobs/${job.id}/review`, server.url);
    await screen.findByText('This job publishes without review');
    expect(server.store[0]!.images[0]!.live).not.toBe('original');
  });
});
