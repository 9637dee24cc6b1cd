import { describe, expect, it } from '@jest/globals';
import { scopeNames } from '@pixport/shared';
import { EMPTY_KEY_FORM, keyRequest, rotationOutcome, SCOPE_LIST, scopeText } from './key-form.js';

const now = new Date('2026-11-21T08:00:00.000Z');

describe('the create-key form', () => {
  it('offers every scope the hub knows, each with its explanation', () => {
    expect(SCOPE_LIST.map(({ scope }) => scope)).toEqual(scopeNames);
    for (const { explanation } of SCOPE_LIST) expect(explanation.length).toBeGreaterThan(10);
  });

  it('asks for a name, and for a scope when access is limited', () => {
    expect(keyRequest({ ...EMPTY_KEY_FORM, name: '   ' }, now).problems).toEqual({
      name: expect.any(String),
    });
    expect(keyRequest({ ...EMPTY_KEY_FORM, name: 'x'.repeat(101) }, now).problems?.name).toMatch(/100/);
    expect(keyRequest({ ...EMPTY_KEY_FORM, name: 'ci', access: 'chosen' }, now).problems).toEqual({
      scopes: expect.any(String),
    });
  });

  it('sends no scopes for full access, and the chosen ones in the hub’s order', () => {
    expect(keyRequest({ ...EMPTY_KEY_FORM, name: ' shop ', scopes: ['process'] }, now).body).toEqual({
      name: 'shop',
      mode: 'test',
      scopes: [],
    });
    const limited = keyRequest(
      { ...EMPTY_KEY_FORM, name: 'ci', mode: 'test', access: 'chosen', scopes: ['usage:read', 'process'] },
      now,
    );
    expect(limited.body).toEqual({ name: 'ci', mode: 'test', scopes: ['process', 'usage:read'] });
  });

  it('turns an expiry choice into a timestamp, refusing past or missing dates', () => {
    expect(keyRequest({ ...EMPTY_KEY_FORM, name: 'k', expiry: '30' }, now).body?.expires_at).toBe(
      '2026-12-21T08:00:00.000Z',
    );
    expect(
      keyRequest({ ...EMPTY_KEY_FORM, name: 'k', expiry: 'date', date: '2027-01-31' }, now).body?.expires_at,
    ).toBe('2027-01-31T23:59:59.000Z');
    expect(
      keyRequest({ ...EMPTY_KEY_FORM, name: 'k', expiry: 'date', date: '2026-11-20' }, now).problems?.date,
    ).toMatch(/future/);
    expect(
      keyRequest({ ...EMPTY_KEY_FORM, name: 'k', expiry: 'date', date: '' }, now).problems?.date,
    ).toBeDefined();
    expect(
      keyRequest({ ...EMPTY_KEY_FORM, name: 'k', expiry: 'date', date: '2027-02-30' }, now).problems?.date,
    ).toBeDefined();
  });
});

describe('rotation', () => {
  const key = { masked: 'pxp_live_Ab3…x9Qz', expires_at: null };

  it('says an immediate rotation revokes the old key now', () => {
    expect(rotationOutcome(key, 0, now)).toMatch(/revoked at once.*key_revoked/);
  });

  it('says until when the old key works with a grace period, never past its own expiry', () => {
    expect(rotationOutcome(key, 3600, now)).toContain('until 2026-11-21 09:00 UTC');
    expect(rotationOutcome({ ...key, expires_at: '2026-11-21T08:30:00.000Z' }, 86400, now)).toContain(
      'until 2026-11-21 08:30 UTC',
    );
  });

  it('reads an empty scope list as every scope', () => {
    expect(scopeText([])).toBe('All scopes');
    expect(scopeText(['process', 'tasks:read'])).toBe('process, tasks:read');
  });
});
