import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { openDialog, renderSignedIn } from '../../../test-support/render.js';
import { startRealHub, type RealHub } from '../../../test-support/real-hub.js';
import EndpointsPanel from '../endpoints/endpoints-panel.js';
import PresetsPanel from './presets-panel.js';

describe('the presets panel, on a real hub', () => {
  let hub: RealHub;
  beforeAll(async () => {
    hub = await startRealHub();
  });
  afterAll(() => hub.close());

  it('saves a preset from the operation’s own form, previews its request, and applies it in the tester', async () => {
    const { client } = await hub.newAccount('Presets');
    const user = userEvent.setup();
    const view = await renderSignedIn(<PresetsPanel />, client, hub.keyClient);
    expect(await screen.findByText('No saved presets yet')).toBeTruthy();

    await user.click(screen.getAllByRole('button', { name: 'Save a preset' })[0]!);
    const dialog = await openDialog('Save a preset');
    await user.type(within(dialog).getByLabelText('Name'), 'amazon-main-white');
    await user.type(within(dialog).getByLabelText('width'), '1600');
    await user.type(within(dialog).getByLabelText('height'), '1600');
    await user.selectOptions(within(dialog).getByLabelText('format'), 'jpeg');
    await user.click(within(dialog).getByRole('button', { name: 'Save preset' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const [preset] = (await client.listPresets()).data;
    expect(preset).toMatchObject({
      name: 'amazon-main-white',
      operation: 'process',
      params: { width: 1600, height: 1600, format: 'jpeg' },
    });
    const row = within(await screen.findByRole('list', { name: 'Presets' }))
      .getByText('amazon-main-white')
      .closest('li')!;
    await user.click(within(row).getByRole('button', { name: 'Request preview of amazon-main-white' }));
    const curl = within(row).getByLabelText('Request of amazon-main-white').textContent!;
    expect(curl).toContain(`-F 'operation=process'`);
    expect(curl).toContain(`-F 'width=1600'`);
    expect(curl).toContain(`-F 'image=@product.jpg'`);
    expect(
      within(row).getByRole('link', { name: 'Use in the tester: amazon-main-white' }).getAttribute('href'),
    ).toBe(`#/endpoints?preset=${preset!.id}`);
    view.unmount();

    window.location.hash = `#/endpoints?preset=${preset!.id}`;
    await renderSignedIn(<EndpointsPanel />, client, hub.keyClient);
    await waitFor(() =>
      expect((screen.getByLabelText('Endpoint') as HTMLSelectElement).value).toBe('post /api/v1/jobs'),
    );
    expect((screen.getByLabelText('operation') as HTMLSelectElement).selectedOptions[0]!.textContent).toBe(
      'process',
    );
    await waitFor(() => expect((screen.getByLabelText('width') as HTMLInputElement).value).toBe('1600'));
    expect((screen.getByLabelText('format') as HTMLSelectElement).value).toBe('jpeg');
  });

  it('shows the hub’s message and request id when a name is taken', async () => {
    const { client } = await hub.newAccount('Presets');
    await client.createPreset({ name: 'taken', operation: 'process' });
    const user = userEvent.setup();
    await renderSignedIn(<PresetsPanel />, client, hub.keyClient);
    await user.click((await screen.findAllByRole('button', { name: 'Save a preset' }))[0]!);
    const dialog = await openDialog('Save a preset');
    await user.type(within(dialog).getByLabelText('Name'), 'taken');
    await user.click(within(dialog).getByRole('button', { name: 'Save preset' }));
    expect(await within(dialog).findByTestId('request-id')).toBeTruthy();
  });
});
