import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startRealHub, type RealHub } from '../../../test-support/real-hub.js';
import { openDialog, renderSignedIn } from '../../../test-support/render.js';
import KeysPanel from './keys-panel.js';

describe('the API keys panel, on a real hub', () => {
  let hub: RealHub;
  beforeAll(async () => {
    hub = await startRealHub();
  });
  afterAll(() => hub.close());

  it('creates a key with chosen scopes and shows the full key once, then only its masked form', async () => {
    const { client } = await hub.newAccount('Owner');
    const user = userEvent.setup();
    const view = await renderSignedIn(<KeysPanel />, client, hub.keyClient);

    await screen.findByText('No API keys yet');
    await user.click(screen.getAllByRole('button', { name: 'Create API key' })[0]!);
    const dialog = await openDialog('Create an API key');
    await user.type(within(dialog).getByLabelText('Name'), 'Shop staging');
    // Keys start in test mode (exploring spends no credits); this one is chosen live.
    expect((within(dialog).getByLabelText('Test') as HTMLInputElement).checked).toBe(true);
    await user.click(within(dialog).getByLabelText('Live'));
    await user.click(within(dialog).getByLabelText('Only the scopes I choose'));
    await user.click(within(dialog).getByLabelText('usage:read'));
    await user.click(within(dialog).getByLabelText('process'));
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));

    const shown = await openDialog(/Your new key “Shop staging”/);
    const fullKey = (within(shown).getByLabelText('API key') as HTMLInputElement).value;
    expect(fullKey).toMatch(/^pxp_live_[A-Za-z0-9]{38}$/);
    // The key really works, with exactly the scopes that were ticked.
    const keyClient = hub.client();
    keyClient.setApiKey(fullKey);
    expect((await keyClient.validateKey()).key.scopes).toEqual(['process', 'usage:read']);

    await user.click(within(shown).getByRole('button', { name: 'I have stored the key' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const list = await screen.findByRole('list', { name: 'API keys' });
    const masked = (await client.listKeys()).data[0]!.masked;
    expect(within(list).getByText(masked)).toBeTruthy();
    expect(within(list).getByText('process, usage:read')).toBeTruthy();
    expect(view.container.ownerDocument.body.innerHTML).not.toContain(fullKey);
  });

  it('shows the hub’s message and request id when creation is refused', async () => {
    const { client } = await hub.newAccount('Owner');
    const user = userEvent.setup();
    await renderSignedIn(<KeysPanel />, client, hub.keyClient);
    await client.logout(); // the panel's session is gone: the hub answers 401 with a problem
    await user.click((await screen.findAllByRole('button', { name: 'Create API key' }))[0]!);
    const dialog = await openDialog('Create an API key');
    await user.type(within(dialog).getByLabelText('Name'), 'late');
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect(await within(dialog).findByText('Sign in to the dashboard first.')).toBeTruthy();
    expect(within(dialog).getByTestId('request-id').textContent).toMatch(/^req_/);
  });

  it('deletes only after the key’s name is typed, and rotates with a grace period', async () => {
    const { client } = await hub.newAccount('Owner');
    await client.createKey({ name: 'ci runner' });
    const user = userEvent.setup();
    await renderSignedIn(<KeysPanel />, client, hub.keyClient);

    await user.click(await screen.findByRole('button', { name: /^Rotate ci runner/ }));
    const rotate = await openDialog('Rotate “ci runner”');
    await user.selectOptions(within(rotate).getByLabelText('Old key stops working'), '3600');
    expect(within(rotate).getByText(/keeps working until .* UTC/)).toBeTruthy();
    await user.click(within(rotate).getByRole('button', { name: 'Rotate key' }));
    const shown = await openDialog(/Your new key/);
    expect(within(shown).getByText(/keeps working until/)).toBeTruthy();
    await user.click(within(shown).getByRole('button', { name: 'I have stored the key' }));
    // Wait for the dialog to finish closing (it hands focus back to the page as it goes), as a person would.
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const keys = (await client.listKeys()).data;
    expect(keys).toHaveLength(2);
    expect(keys.every((key) => key.status === 'active')).toBe(true);
    const old = keys.find((key) => key.expires_at !== null)!;

    await user.click(await screen.findByRole('button', { name: `Delete ci runner (${old.masked})` }));
    const confirm = await openDialog('Delete “ci runner”?');
    const button = within(confirm).getByRole('button', { name: 'Delete key' });
    expect(button.getAttribute('aria-disabled') === 'true' || button.hasAttribute('disabled')).toBe(true);
    await user.type(within(confirm).getByLabelText(/to confirm/), 'ci runner{Enter}');
    await waitFor(
      () => expect(screen.queryByRole('button', { name: `Delete ci runner (${old.masked})` })).toBeNull(),
      { timeout: 5000 },
    );
    expect((await client.listKeys()).data.map((key) => key.id)).toEqual(
      keys.filter((key) => key !== old).map((key) => key.id),
    );
  });

  it('lets a viewer read the keys but offers no way to change them', async () => {
    const owner = await hub.newAccount('Owner');
    await owner.client.createKey({ name: 'prod' });
    const viewer = await hub.newAccount('Viewer');
    await owner.client.addMember(owner.me.organization.id, { email: viewer.email, role: 'viewer' });
    await viewer.client.switchOrganization(owner.me.organization.id);
    await renderSignedIn(<KeysPanel />, viewer.client, hub.keyClient);

    expect(await screen.findByText('prod')).toBeTruthy();
    expect(screen.getByText(/can see keys but not create or change them/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Create API key|Rotate|Revoke|Delete/ })).toBeNull();
  });
});
