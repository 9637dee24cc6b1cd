import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startReceiver } from '../../../test-support/receiver.js';
import { openDialog, renderSignedIn } from '../../../test-support/render.js';
import { startRealHub, type RealHub } from '../../../test-support/real-hub.js';
import WebhooksPanel from './webhooks-panel.js';

describe('the webhooks panel, on a real hub with a real receiver', () => {
  let hub: RealHub;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    hub = await startRealHub({ WEBHOOKS_ALLOW_PRIVATE: 'true' });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await hub.close();
  });

  it('subscribes with chosen events, shows the secret once, pings, logs the delivery and redelivers it', async () => {
    const { client } = await hub.newAccount('Hooks');
    const user = userEvent.setup();
    await renderSignedIn(<WebhooksPanel />, client, hub.keyClient);
    expect(await screen.findByText('No webhook subscriptions yet')).toBeTruthy();

    await waitFor(() =>
      expect(
        screen.getAllByRole('button', { name: 'Add subscription' })[0]!.getAttribute('aria-disabled'),
      ).not.toBe('true'),
    );
    await user.click(screen.getAllByRole('button', { name: 'Add subscription' })[0]!);
    const dialog = await openDialog('Add a webhook subscription');
    await user.type(within(dialog).getByLabelText('Endpoint URL'), receiver.url);
    await user.click(within(dialog).getByLabelText('task.failed'));
    await user.click(within(dialog).getByLabelText('credits.low'));
    await user.click(within(dialog).getByRole('button', { name: 'Add subscription' }));

    const shown = await openDialog('Subscription added');
    const secret = (within(shown).getByRole('textbox', { name: 'Signing secret' }) as HTMLInputElement).value;
    expect(secret).toMatch(/^whsec_/);
    await user.click(within(shown).getByRole('button', { name: 'I have stored the secret' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const [webhook] = (await client.listWebhooks()).data;
    expect(webhook!.events.sort()).toEqual(['credits.low', 'task.succeeded']);

    const row = (await screen.findByRole('list', { name: 'Webhook subscriptions' })).querySelector('li')!;
    await user.click(within(row).getByRole('button', { name: `Send test ping to ${receiver.url}` }));
    expect(await within(row).findByText(/Test ping delivered: HTTP 200/)).toBeTruthy();
    expect(receiver.received.at(-1)!.headers['webhook-signature']).toMatch(/^v1,/);

    await user.click(within(row).getByRole('button', { name: `Show the delivery log of ${receiver.url}` }));
    const log = await within(row).findByRole('list', { name: `Deliveries to ${receiver.url}` });
    expect(within(log).getByText('delivered')).toBeTruthy();
    expect(within(log).getByText('receiver says 200')).toBeTruthy();
    const before = receiver.received.length;
    await user.click(within(log).getByRole('button', { name: /^Redeliver ping/ }));
    expect(await within(log).findByText(/Queued: it is sent again now/)).toBeTruthy();
    await waitFor(() => expect(receiver.received.length).toBe(before + 1), { timeout: 15_000 });

    await user.click(within(row).getByRole('button', { name: `Pause ${receiver.url}` }));
    await waitFor(async () => expect((await client.listWebhooks()).data[0]!.active).toBe(false));
    expect(await screen.findByText('paused')).toBeTruthy();
  });

  it('shows the hub’s refusal of a private address with its request id', async () => {
    const strict = await startRealHub();
    try {
      const { client } = await strict.newAccount('Strict');
      const user = userEvent.setup();
      await renderSignedIn(<WebhooksPanel />, client, strict.keyClient);
      await waitFor(() =>
        expect(
          screen.getAllByRole('button', { name: 'Add subscription' })[0]!.getAttribute('aria-disabled'),
        ).not.toBe('true'),
      );
      await user.click(screen.getAllByRole('button', { name: 'Add subscription' })[0]!);
      const dialog = await openDialog('Add a webhook subscription');
      await user.type(within(dialog).getByLabelText('Endpoint URL'), 'http://127.0.0.1:9/hook');
      await user.click(within(dialog).getByRole('button', { name: 'Add subscription' }));
      expect(await within(dialog).findByText(/request id/)).toBeTruthy();
      expect(within(dialog).getByTestId('request-id').textContent).toMatch(/^req_/);
    } finally {
      await strict.close();
    }
  });
});
