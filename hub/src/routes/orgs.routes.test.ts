import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { failureOf } from '../test-support/failure.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

const statusOf = async (promise: Promise<unknown>) => (await failureOf(promise)).status;

describe('organizations and members', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('gives every user a personal organization and lists the ones they belong to', async () => {
    const { client, me } = await t.newAccount('Personal');
    const orgs = await client.listOrganizations();
    expect(orgs.data).toEqual([
      expect.objectContaining({ id: me.organization.id, role: 'owner', plan: 'free' }),
    ]);
    expect((await client.listMembers(me.organization.id)).data).toEqual([
      expect.objectContaining({ user_id: me.user.id, role: 'owner' }),
    ]);
  });

  it('lets owners and admins add, re-role and remove members, and audits it', async () => {
    const owner = await t.newAccount('Team owner');
    const admin = await t.newAccount('Team admin');
    const dev = await t.newAccount('Team dev');
    const org = owner.me.organization.id;
    await owner.client.addMember(org, { email: admin.email, role: 'admin' });
    await admin.client.switchOrganization(org);
    const added = await admin.client.addMember(org, { email: dev.email, role: 'viewer' });
    expect(added).toMatchObject({ user_id: dev.me.user.id, role: 'viewer', email: dev.email });
    expect((await admin.client.updateMember(org, dev.me.user.id, 'developer')).role).toBe('developer');
    expect(await statusOf(admin.client.addMember(org, { email: dev.email, role: 'viewer' }))).toBe(409);
    expect(await statusOf(admin.client.addMember(org, { email: 'ghost@example.test', role: 'viewer' }))).toBe(
      404,
    );
    await admin.client.removeMember(org, dev.me.user.id);
    expect((await owner.client.listMembers(org)).data.map((member) => member.role).sort()).toEqual([
      'admin',
      'owner',
    ]);
    const actions = (await owner.client.audit()).data.map((event) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining(['member.added', 'member.role_changed', 'member.removed']),
    );
  });

  it('refuses member changes from developers and viewers, and owner changes from admins', async () => {
    const owner = await t.newAccount('Strict owner');
    const admin = await t.newAccount('Strict admin');
    const dev = await t.newAccount('Strict dev');
    const org = owner.me.organization.id;
    await owner.client.addMember(org, { email: admin.email, role: 'admin' });
    await owner.client.addMember(org, { email: dev.email, role: 'developer' });
    await dev.client.switchOrganization(org);
    await admin.client.switchOrganization(org);
    expect(await statusOf(dev.client.addMember(org, { email: admin.email, role: 'viewer' }))).toBe(403);
    expect(await statusOf(dev.client.removeMember(org, admin.me.user.id))).toBe(403);
    expect(await statusOf(admin.client.updateMember(org, owner.me.user.id, 'viewer'))).toBe(403);
    expect(
      await statusOf(admin.client.addMember(org, { email: (await t.newAccount('x')).email, role: 'owner' })),
    ).toBe(403);
  });

  it('keeps at least one owner', async () => {
    const { client, me } = await t.newAccount('Sole owner');
    expect(await statusOf(client.updateMember(me.organization.id, me.user.id, 'admin'))).toBe(409);
    expect(await statusOf(client.removeMember(me.organization.id, me.user.id))).toBe(409);
  });

  it('hides other organizations behind 404 and ends a removed member’s sessions there', async () => {
    const a = await t.newAccount('Org A');
    const b = await t.newAccount('Org B');
    expect(await statusOf(b.client.listMembers(a.me.organization.id))).toBe(404);
    expect(await statusOf(b.client.addMember(a.me.organization.id, { email: b.email, role: 'owner' }))).toBe(
      404,
    );
    await a.client.addMember(a.me.organization.id, { email: b.email, role: 'developer' });
    await b.client.switchOrganization(a.me.organization.id);
    await a.client.removeMember(a.me.organization.id, b.me.user.id);
    expect(await statusOf(b.client.me())).toBe(401);
  });
});
