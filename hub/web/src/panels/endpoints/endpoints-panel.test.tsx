import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startRealHub, type RealHub } from '../../../test-support/real-hub.js';
import { renderSignedIn } from '../../../test-support/render.js';
import EndpointsPanel from './endpoints-panel.js';
import { maskKey } from './snippets.js';

describe('the endpoints panel, on a real hub', () => {
  let hub: RealHub;
  beforeAll(async () => {
    hub = await startRealHub();
  });
  afterAll(() => hub.close());

  it('sends a real request with the typed key, shows the headers that matter, then the 401 of a revoked key', async () => {
    const { client } = await hub.newAccount('Tester');
    const created = await client.createKey({ name: 'tester key', scopes: ['usage:read'] });
    const user = userEvent.setup();
    await renderSignedIn(<EndpointsPanel />, client, hub.keyClient);

    await user.type(await screen.findByLabelText('API key'), created.key);
    await user.selectOptions(screen.getByLabelText('Endpoint'), 'get /api/v1/usage');
    const preview = screen.getByLabelText('Request preview');
    expect(preview.textContent).toContain(`X-API-Key: ${maskKey(created.key)}`);
    expect(preview.textContent).not.toContain(created.key);

    await user.click(screen.getByRole('button', { name: 'Send request' }));
    expect(await screen.findByText('HTTP 200')).toBeTruthy();
    const headers = screen.getByLabelText('Response headers');
    expect(within(headers).getByText('x-request-id')).toBeTruthy();
    expect(headers.querySelector('[data-header="x-request-id"]')?.textContent).toMatch(/^req_/);
    expect(JSON.parse(screen.getByLabelText('Response body').textContent!)).toMatchObject({
      total_requests: expect.any(Number),
    });

    await client.updateKey(created.id, { active: false });
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    expect(await screen.findByText('HTTP 401')).toBeTruthy();
    const banner = await screen.findByText(/code key_revoked/);
    expect(banner.textContent).toMatch(/request id req_/);
  });

  it('names a missing required field instead of sending', async () => {
    const { client } = await hub.newAccount('Tester');
    const user = userEvent.setup();
    await renderSignedIn(<EndpointsPanel />, client, hub.keyClient);
    await user.selectOptions(await screen.findByLabelText('Endpoint'), 'get /api/v1/jobs/{id}');
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    expect(await screen.findByText('Required.')).toBeTruthy();
    expect(screen.queryByText(/^HTTP \d{3}$/)).toBeNull();
  });

  it('lists every route with its examples, and filters them', async () => {
    const { client } = await hub.newAccount('Reader');
    const user = userEvent.setup();
    await renderSignedIn(<EndpointsPanel />, client, hub.keyClient);
    const images = await screen.findByRole('list', { name: 'Images routes' });
    await user.click(within(images).getByRole('button', { name: '/api/v1/process' }));
    expect(await screen.findByRole('button', { name: 'Python', pressed: false })).toBeTruthy();
    expect(screen.getByLabelText('curl example').textContent).toContain(`-F 'image=@product.jpg'`);
    await user.click(screen.getByRole('button', { name: 'PHP' }));
    expect(screen.getByRole('button', { name: 'PHP', pressed: true })).toBeTruthy();
    expect(screen.getByLabelText('PHP example').textContent).toContain('new CURLFile');

    await user.type(screen.getByLabelText('Find a route'), 'webhook');
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Images routes' })).toBeNull());
    expect(screen.getByRole('list', { name: 'Webhooks routes' })).toBeTruthy();
  });
});
