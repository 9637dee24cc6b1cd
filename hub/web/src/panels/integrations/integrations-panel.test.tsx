import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import type { HubClient, Task } from '@pixport/shared';
import { productOn } from '../../../../src/processing/test-images.js';
import { postMultipart } from '../../../test-support/multipart.js';
import { startRealHub, type RealHub } from '../../../test-support/real-hub.js';
import { openDialog, renderSignedIn } from '../../../test-support/render.js';
import IntegrationsPanel from './integrations-panel.js';

/** Polls `read` until `done` holds for what it returns. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const items = (list: string) => within(screen.getByRole('list', { name: list })).queryAllByRole('listitem');
const rowOf = (name: string) =>
  items('Integrations').find((item) => within(item).queryByRole('heading', { name }))!;

async function fill(user: UserEvent, dialog: HTMLElement, label: string, value: string) {
  const input = within(dialog).getByLabelText(label, { exact: true });
  await user.clear(input);
  await user.click(input);
  await user.paste(value);
}

describe('the integrations panel, on a real hub with the marketplace sandboxes', () => {
  let hub: RealHub;
  beforeAll(async () => {
    hub = await startRealHub({}, { marketplaces: true });
  }, 60_000);
  afterAll(() => hub.close());

  it('connects WooCommerce and an Amazon bridge from their own forms, shows secrets only masked, verifies both', async () => {
    const { client } = await hub.newAccount('Stores');
    const woo = hub.integrations!.woocommerce.credentials as Record<string, string>;
    const amazon = hub.integrations!['amazon-bridge'].credentials as Record<string, string>;
    const user = userEvent.setup();
    await renderSignedIn(<IntegrationsPanel />, client, hub.keyClient);
    expect(await screen.findByText('No marketplace connected yet')).toBeTruthy();

    await user.click(screen.getAllByRole('button', { name: 'Connect a marketplace' })[0]!);
    let dialog = await openDialog('Connect a marketplace');
    await user.selectOptions(within(dialog).getByLabelText('Marketplace'), 'woocommerce');
    expect(within(dialog).queryByLabelText('Access token')).toBeNull();
    await fill(user, dialog, 'Name', 'Woo store');
    await fill(user, dialog, 'URL', woo.url!);
    await fill(user, dialog, 'Consumer key', woo.consumerKey!);
    await fill(user, dialog, 'Consumer secret', woo.consumerSecret!);
    expect((within(dialog).getByLabelText('URL') as HTMLInputElement).type).toBe('text');
    expect((within(dialog).getByLabelText('Consumer secret') as HTMLInputElement).type).toBe('password');
    expect((within(dialog).getByLabelText('WordPress application password') as HTMLInputElement).type).toBe(
      'password',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(rowOf('Woo store')).toBeTruthy());
    expect(rowOf('Woo store').textContent).not.toContain(woo.consumerSecret);
    expect(rowOf('Woo store').textContent).not.toContain(woo.consumerKey);
    expect(rowOf('Woo store').textContent).toContain(`URL: ${woo.url}`);
    await user.click(within(rowOf('Woo store')).getByRole('button', { name: 'Verify Woo store' }));
    await waitFor(() => expect(within(rowOf('Woo store')).getByText('verified')).toBeTruthy());

    // A malformed bridge secret: the hub's own message next to the field, and its request id.
    await user.click(screen.getByRole('button', { name: 'Connect a marketplace' }));
    dialog = await openDialog('Connect a marketplace');
    await user.selectOptions(within(dialog).getByLabelText('Marketplace'), 'amazon-bridge');
    await fill(user, dialog, 'Name', 'Amazon EU');
    await fill(user, dialog, 'URL', amazon.url!);
    await fill(user, dialog, 'Secret', 'whsec_short');
    await fill(user, dialog, 'Marketplace ID', amazon.marketplaceId!);
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(await within(dialog).findByTestId('request-id')).toBeTruthy();
    expect(within(dialog).getAllByText(/must be whsec_/).length).toBeGreaterThan(0);
    await fill(user, dialog, 'Secret', amazon.secret!);
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(rowOf('Amazon EU')).toBeTruthy());
    expect(rowOf('Amazon EU').textContent).not.toContain(amazon.secret);
    await user.click(within(rowOf('Amazon EU')).getByRole('button', { name: 'Verify Amazon EU' }));
    await waitFor(() => expect(within(rowOf('Amazon EU')).getByText('verified')).toBeTruthy());
    expect(
      (await client.listIntegrations()).data.map((integration) => integration.marketplace).sort(),
    ).toEqual(['amazon-bridge', 'woocommerce']);
  });

  it('syncs with progress, pages the catalog, publishes an output from the dialog and pages the activity', async () => {
    const { client } = await hub.newAccount('Publisher');
    const task = await succeededTask(hub, client);
    const shop = await client.createIntegration(hub.integrations!.shopify);
    const user = userEvent.setup();
    await renderSignedIn(<IntegrationsPanel />, client, hub.keyClient);
    expect(await screen.findByText('Nothing published yet')).toBeTruthy();

    await user.click(await screen.findByRole('button', { name: 'Sync Shopify store' }));
    await waitFor(
      () =>
        expect(rowOf('Shopify store').textContent).toMatch(
          /: succeeded, 25 of 25 products read; 25 in the catalog/,
        ),
      {
        timeout: 30_000,
      },
    );
    await waitFor(() => expect(items('Products of Shopify store')).toHaveLength(10));
    const firstProducts = items('Products of Shopify store').map((item) => item.textContent);
    await user.click(screen.getByRole('button', { name: 'More products' }));
    await waitFor(() =>
      expect(items('Products of Shopify store').map((item) => item.textContent)).not.toEqual(firstProducts),
    );
    expect(screen.getByText('Page 2')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Previous products' }));
    await waitFor(() =>
      expect(items('Products of Shopify store').map((item) => item.textContent)).toEqual(firstProducts),
    );

    // Ten publishes through the API, one product each, then one from the dialog: eleven events, ten a page.
    const catalog = (await client.catalog({ integration: shop.id, limit: 11 })).data.slice(1);
    for (const item of catalog)
      await client.publish({ integration_id: shop.id, product_id: item.product_id, task_id: task.id });
    await until(
      () => client.publishEvents({ limit: 100 }),
      (page) => page.data.length === 10 && page.data.every((event) => event.status === 'succeeded'),
    );
    const product = items('Products of Shopify store')[0]!;
    const title = within(product).getByRole('heading').textContent!;
    await user.click(within(product).getByRole('button', { name: `Publish to ${title}` }));
    const dialog = await openDialog(/^Publish to/);
    await waitFor(() =>
      expect((within(dialog).getByLabelText('Output to publish') as HTMLSelectElement).value).toBe(task.id),
    );
    await user.selectOptions(within(dialog).getByLabelText('Where'), 'main');
    await fill(user, dialog, 'Alt text', 'Front view');
    await user.click(within(dialog).getByRole('button', { name: 'Publish' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await waitFor(() => expect(items('Publish activity')).toHaveLength(10), { timeout: 30_000 });
    await waitFor(() => expect(items('Publish activity')[0]!.textContent).toMatch(/succeeded.*position 1/), {
      timeout: 30_000,
    });
    expect(within(items('Publish activity')[0]!).getByText(title)).toBeTruthy();
    // The oldest publish is on the second page only.
    const oldest = catalog[0]!.title;
    expect(items('Publish activity').filter((item) => within(item).queryByText(oldest))).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Older activity' }));
    await waitFor(() => expect(items('Publish activity')).toHaveLength(1));
    expect(within(items('Publish activity')[0]!).getByText(oldest)).toBeTruthy();
    expect(screen.getByText('Page 2')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Newer activity' }));
    await waitFor(() => expect(items('Publish activity')).toHaveLength(10));
  });
});

/** A succeeded async `process` task with a JPEG output, submitted with a new key of the account. */
async function succeededTask(hub: RealHub, client: HubClient): Promise<Task> {
  const created = await client.createKey({ name: 'publisher' });
  const image = await productOn(
    '#ffffff',
    { width: 320, height: 240 },
    { left: 100, top: 60, width: 120, height: 120 },
  );
  const submitted = await postMultipart<Task>(hub.keyClient(created.key), '/api/v1/jobs', {
    operation: 'process',
    width: '200',
    height: '200',
    format: 'jpeg',
    image: { data: new Uint8Array(image), filename: 'mug.jpg', type: 'image/jpeg' },
  });
  const task = await until(
    () => client.task(submitted.id),
    (current) => current.status === 'succeeded' || current.status === 'failed',
  );
  expect(task.status).toBe('succeeded');
  return task;
}
