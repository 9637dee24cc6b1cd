import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { openDialog, renderSignedIn } from '../../../test-support/render.js';
import { startRealHub, type RealHub } from '../../../test-support/real-hub.js';
import TeamPanel from './team-panel.js';

describe('the team panel, on a real hub', () => {
  let hub: RealHub;
  beforeAll(async () => {
    hub = await startRealHub();
  });
  afterAll(() => hub.close());

  it('adds a registered user, changes their role, removes them, and records it all in the audit log', async () => {
    const owner = await hub.newAccount('Owner');
    const colleague = await hub.newAccount('Colleague');
    const user = userEvent.setup();
    await renderSignedIn(<TeamPanel />, owner.client, hub.keyClient);

    await user.type(await screen.findByLabelText('Email of a registered user'), colleague.email);
    await user.selectOptions(screen.getByLabelText('Role'), 'viewer');
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    const members = await screen.findByRole('list', { name: 'Members' });
    await within(members).findByText('Colleague');

    await user.selectOptions(within(members).getByLabelText('Role of Colleague'), 'developer');
    await waitFor(async () =>
      expect(
        (await owner.client.listMembers(owner.me.organization.id)).data.find(
          (member) => member.email === colleague.email,
        )?.role,
      ).toBe('developer'),
    );

    await user.click(within(members).getByRole('button', { name: 'Remove Colleague' }));
    const dialog = await openDialog('Remove Colleague?');
    await user.click(within(dialog).getByRole('button', { name: 'Remove member' }));
    await waitFor(() =>
      expect(within(screen.getByRole('list', { name: 'Members' })).queryByText('Colleague')).toBeNull(),
    );

    const audit = (await owner.client.audit({})).data.map((event) => event.action);
    expect(audit).toEqual(expect.arrayContaining(['member.added', 'member.role_changed', 'member.removed']));
  });

  it('shows the hub’s message and request id when the email is not registered', async () => {
    const owner = await hub.newAccount('Owner');
    const user = userEvent.setup();
    await renderSignedIn(<TeamPanel />, owner.client, hub.keyClient);
    await user.type(await screen.findByLabelText('Email of a registered user'), 'nobody@example.test');
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    const banner = await screen.findByText('The member was not added');
    expect(banner.closest('[class*="Banner"]')?.textContent).toMatch(/request id req_/);
  });

  it('gives viewers a read-only team and pages through a long audit log', async () => {
    const owner = await hub.newAccount('Owner');
    const viewer = await hub.newAccount('Viewer');
    await owner.client.addMember(owner.me.organization.id, { email: viewer.email, role: 'viewer' });
    for (let i = 0; i < 26; i++) await owner.client.createKey({ name: `key ${i}` });
    await viewer.client.switchOrganization(owner.me.organization.id);
    const user = userEvent.setup();
    await renderSignedIn(<TeamPanel />, viewer.client, hub.keyClient);

    expect(await screen.findByText(/Your role \(viewer\) can see the team/)).toBeTruthy();
    expect(screen.queryByLabelText('Email of a registered user')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Remove/ })).toBeNull();
    expect(await screen.findByRole('button', { name: 'Leave this organization' })).toBeTruthy();

    const events = await screen.findByRole('list', { name: 'Audit events' });
    await waitFor(() => expect(within(events).getAllByRole('listitem')).toHaveLength(25));
    const firstPage = within(events)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    await user.click(screen.getByRole('button', { name: 'Older events' }));
    // The next page of the hub's cursor: the rest of the log, none of the first page's events again.
    await waitFor(() => expect(screen.getByText('Page 2')).toBeTruthy());
    await waitFor(() => {
      const older = within(screen.getByRole('list', { name: 'Audit events' })).getAllByRole('listitem');
      expect(older.length).toBeGreaterThan(0);
      expect(older.length).toBeLessThan(25);
    });
    const secondPage = within(screen.getByRole('list', { name: 'Audit events' }))
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(secondPage.filter((text) => firstPage.includes(text))).toEqual([]);
    expect(screen.getByRole('button', { name: 'Older events' }).getAttribute('aria-disabled')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Newer events' }));
    await waitFor(() =>
      expect(
        within(screen.getByRole('list', { name: 'Audit events' })).getAllByRole('listitem'),
      ).toHaveLength(25),
    );
  });
});
