import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { failureOf } from '../test-support/failure.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { generateApiKey, parseApiKey } from '../lib/api-key-format.js';

describe('API keys', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('creates a key in the documented format, shows it once, and lists it masked', async () => {
    const { client } = await t.newAccount('Keys');
    const created = await client.createKey({
      name: 'Production',
      scopes: ['process', 'usage:read'],
      mode: 'live',
    });
    expect(created.key).toMatch(/^pxp_live_[0-9A-Za-z]{38}$/);
    expect(parseApiKey(created.key)).toEqual({ mode: 'live' });
    expect(created).toMatchObject({
      name: 'Production',
      prefix: created.key.slice(0, 12),
      last4: created.key.slice(-4),
      masked: `${created.key.slice(0, 12)}…${created.key.slice(-4)}`,
      scopes: ['process', 'usage:read'],
      mode: 'live',
      status: 'active',
      request_count: 0,
    });
    const listed = await client.listKeys();
    const text = JSON.stringify(listed);
    expect(text).not.toContain(created.key);
    expect(text).not.toContain(created.key.slice(12, -4));
    expect(listed.data[0]).not.toHaveProperty('key');
    expect(listed.data[0]).not.toHaveProperty('key_hash');
    expect(listed.data[0]!.id).toBe(created.id);
  });

  it('creates test-mode keys and refuses bad input', async () => {
    const { client } = await t.newAccount('Bad input');
    expect((await client.createKey({ name: 'sandbox', mode: 'test' })).key).toMatch(/^pxp_test_/);
    const bad = await failureOf(client.createKey({ name: '', scopes: ['nope' as never] }));
    expect(bad.status).toBe(422);
    expect(bad.problem.errors!.map((error) => error.field).sort()).toEqual(['name', 'scopes.0']);
    const past = await failureOf(client.createKey({ name: 'old', expires_at: '2001-01-01T00:00:00Z' }));
    expect(past.problem.errors).toEqual([{ field: 'expires_at', message: 'must be in the future' }]);
  });

  it('validates a key through every accepted header', async () => {
    const { key } = await t.newKey();
    for (const headers of [
      { 'X-API-Key': key.key },
      { 'x-api-key': key.key },
      { Authorization: `Bearer ${key.key}` },
    ] as Array<Record<string, string>>) {
      const response = await fetch(`${t.url}/api/wordpress-plugin/auth/validate`, {
        method: 'POST',
        headers,
      });
      expect(response.status).toBe(200);
    }
  });

  it('rejects malformed and mistyped keys without a database read, and unknown ones', async () => {
    const { key } = await t.newKey();
    const validate = (raw: string) => failureOf(t.client({ apiKey: raw }).validateKey());
    const flipped = key.key.slice(0, 20) + (key.key[20] === 'a' ? 'b' : 'a') + key.key.slice(21);
    for (const raw of ['pxp_live_short', 'sk_live_' + 'a'.repeat(40), flipped]) {
      const error = await validate(raw);
      expect(error.status).toBe(401);
      expect(error.code).toBe('invalid_api_key');
      expect(error.problem.detail).toMatch(/malformed/);
    }
    const unknown = await validate(generateApiKey('live').key);
    expect(unknown.code).toBe('invalid_api_key');
    expect(unknown.problem.detail).toBe('Unknown API key.');
    const missing = await failureOf(t.client().validateKey());
    expect(missing.code).toBe('missing_api_key');
  });

  it('revokes a key: refused at once in this process, kept in the list for audit', async () => {
    const { owner, key } = await t.newKey();
    const api = t.client({ apiKey: key.key });
    await api.validateKey();
    const revoked = await owner.updateKey(key.id, { active: false });
    expect(revoked.status).toBe('revoked');
    const error = await failureOf(api.validateKey());
    expect(error.code).toBe('key_revoked');
    expect((await owner.listKeys()).data.find((row) => row.id === key.id)?.status).toBe('revoked');
    const reactivate = await failureOf(owner.updateKey(key.id, { active: true }));
    expect(reactivate.status).toBe(409);
  });

  it('deletes a key permanently', async () => {
    const { owner, key } = await t.newKey();
    await owner.deleteKey(key.id);
    expect((await owner.listKeys()).data).toEqual([]);
    expect((await failureOf(t.client({ apiKey: key.key }).validateKey())).code).toBe('invalid_api_key');
    expect((await failureOf(owner.deleteKey(key.id))).status).toBe(404);
  });

  it('rotates immediately: the old key stops, the new one keeps name, scopes and mode', async () => {
    const { client: owner } = await t.newAccount('Rotate');
    const key = await owner.createKey({ name: 'CI', scopes: ['usage:read'], mode: 'test' });
    const rotated = await owner.rotateKey(key.id);
    expect(rotated.key).toMatchObject({ name: 'CI', scopes: ['usage:read'], mode: 'test', status: 'active' });
    expect(rotated.key.key).not.toBe(key.key);
    expect(rotated.previous.status).toBe('revoked');
    expect((await failureOf(t.client({ apiKey: key.key }).usage())).code).toBe('key_revoked');
    expect((await t.client({ apiKey: rotated.key.key }).usage()).total_requests).toBeGreaterThanOrEqual(0);
  });

  it('rotates with a grace period: the old key works until the grace ends, then is expired', async () => {
    const { owner, key } = await t.newKey();
    const rotated = await owner.rotateKey(key.id, 1);
    expect(rotated.previous.status).toBe('active');
    const old = t.client({ apiKey: key.key });
    await old.validateKey();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await failureOf(old.validateKey())).code).toBe('key_expired');
    await t.client({ apiKey: rotated.key.key }).validateKey();
    expect((await failureOf(owner.rotateKey(key.id))).status).toBe(409);
    const grace = await failureOf(owner.rotateKey(rotated.key.id, 604801));
    expect(grace.problem.errors?.[0]?.field).toBe('grace_seconds');
  });

  it('refuses expired keys', async () => {
    const { client: owner } = await t.newAccount('Expiry');
    const key = await owner.createKey({
      name: 'short',
      expires_at: new Date(Date.now() + 700).toISOString(),
    });
    await t.client({ apiKey: key.key }).validateKey();
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await failureOf(t.client({ apiKey: key.key }).validateKey())).code).toBe('key_expired');
    expect((await owner.listKeys()).data[0]!.status).toBe('expired');
  });

  it('enforces scopes and names the missing one', async () => {
    const { key } = await t.newKey({ scopes: ['process'] });
    const error = await failureOf(t.client({ apiKey: key.key }).usage());
    expect(error.status).toBe(403);
    expect(error.code).toBe('insufficient_scope');
    expect(error.problem.required_scope).toBe('usage:read');
  });

  it('never lets an API key manage keys', async () => {
    const { key } = await t.newKey();
    const api = t.client({ apiKey: key.key });
    for (const call of [
      () => api.listKeys(),
      () => api.createKey({ name: 'escalate' }),
      () => api.deleteKey(key.id),
      () => api.rotateKey(key.id),
    ]) {
      // One call at a time: a rejection nobody awaits yet would surface as an unhandled rejection.
      const error = await failureOf(call());
      expect(error.status).toBe(403);
      expect(error.code).toBe('session_required');
    }
  });

  it('hides other organizations’ keys behind 404', async () => {
    const a = await t.newKey();
    const b = await t.newAccount('Other org');
    for (const call of [
      () => b.client.updateKey(a.key.id, { active: false }),
      () => b.client.deleteKey(a.key.id),
      () => b.client.rotateKey(a.key.id),
    ]) {
      expect((await failureOf(call())).status).toBe(404);
    }
    await t.client({ apiKey: a.key.key }).validateKey();
  });

  it('lets viewers read keys but not change them', async () => {
    const owner = await t.newAccount('Owner V');
    const viewer = await t.newAccount('Viewer V');
    await owner.client.addMember(owner.me.organization.id, { email: viewer.email, role: 'viewer' });
    await viewer.client.switchOrganization(owner.me.organization.id);
    await owner.client.createKey({ name: 'visible' });
    expect((await viewer.client.listKeys()).data).toHaveLength(1);
    expect((await failureOf(viewer.client.createKey({ name: 'nope' }))).code).toBe('forbidden');
  });

  it('records last use (time, ip, user agent, platform) and request counts behind the requests', async () => {
    const { owner, key } = await t.newKey();
    const plugin = t.client({ apiKey: key.key, clientPlatform: 'wordpress' });
    await plugin.validateKey();
    await plugin.validateKey();
    await t.hub.services.flush();
    const row = (await owner.listKeys()).data[0]!;
    expect(row.request_count).toBe(2);
    expect(row.last_used_platform).toBe('wordpress');
    expect(row.last_used_ip).toMatch(/127\.0\.0\.1/);
    expect(row.last_used_user_agent).toMatch(/axios/);
    expect(Date.parse(row.last_used_at!)).toBeGreaterThan(Date.now() - 10_000);
  });

  it('writes audit events for the key lifecycle and sign-ins', async () => {
    const { client } = await t.newAccount('Audit');
    const key = await client.createKey({ name: 'audited' });
    await client.rotateKey(key.id, 60);
    const rotatedTo = (await client.listKeys()).data.find((row) => row.id !== key.id)!;
    await client.updateKey(rotatedTo.id, { active: false });
    await client.deleteKey(key.id);
    const events = (await client.audit()).data.map((event) => event.action);
    expect(events).toEqual(['key.deleted', 'key.revoked', 'key.rotated', 'key.created', 'account.created']);
    const page = await client.audit({ limit: 2 });
    expect(page.data).toHaveLength(2);
    const next = await client.audit({ limit: 2, cursor: page.next_cursor! });
    expect(next.data.map((event) => event.action)).toEqual(['key.rotated', 'key.created']);
    expect(JSON.stringify(await client.audit())).not.toContain(key.key);
  });
});
