import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { failureOf } from '../test-support/failure.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

const rejectsWith = async (promise: Promise<unknown>, status: number, code: string) => {
  const error = await failureOf(promise);
  expect(error.status).toBe(status);
  expect(error.code).toBe(code);
  return error;
};

describe('accounts and sessions', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ LOGIN_MAX_FAILURES_PER_EMAIL: '3', LOGIN_MAX_ATTEMPTS_PER_IP: '40' });
  });
  afterAll(() => t.close());

  it('makes the first sign-up the owner of its organization and reports setup done', async () => {
    const anonymous = t.client();
    expect(await anonymous.setupStatus()).toEqual({ needs_setup: true, signup_open: true });
    const me = await anonymous.signup({
      email: 'Owner@Example.test',
      password: 'correct horse battery',
      name: 'Owner',
    });
    expect(me.user.email).toBe('owner@example.test');
    expect(me.organization.role).toBe('owner');
    expect(me.organization.plan).toBe('free');
    expect(me.csrf_token).toEqual(expect.any(String));
    expect(await anonymous.setupStatus()).toEqual({ needs_setup: false, signup_open: true });
    expect((await anonymous.me()).user.id).toBe(me.user.id);
  });

  it('sets an HttpOnly SameSite=Lax session cookie and a readable CSRF cookie', async () => {
    const response = await fetch(`${t.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'cookies@example.test', password: 'long enough pw', name: 'C' }),
    });
    expect(response.status).toBe(201);
    const cookies = response.headers.getSetCookie();
    const session = cookies.find((line) => line.startsWith('pixport_session='))!;
    const csrf = cookies.find((line) => line.startsWith('pixport_csrf='))!;
    expect(session).toMatch(/httponly/i);
    expect(session).toMatch(/samesite=lax/i);
    expect(csrf).not.toMatch(/httponly/i);
    const body = (await response.json()) as { password?: string };
    expect(JSON.stringify(body)).not.toContain('long enough pw');
  });

  it('refuses short passwords, bad emails and duplicate accounts', async () => {
    const client = t.client();
    const short = await rejectsWith(
      client.signup({ email: 'x@example.test', password: 'short', name: 'X' }),
      422,
      'invalid_parameter',
    );
    expect(short.problem.errors).toEqual([{ field: 'password', message: 'must be at least 10 characters' }]);
    await rejectsWith(
      client.signup({ email: 'not-an-email', password: 'long enough pw', name: 'X' }),
      422,
      'invalid_parameter',
    );
    await rejectsWith(
      client.signup({ email: 'owner@example.test', password: 'long enough pw', name: 'X' }),
      409,
      'email_taken',
    );
  });

  it('signs in, signs out, and a signed-out session is refused', async () => {
    const { email, password } = await t.newAccount('Login');
    const client = t.client();
    await rejectsWith(client.me(), 401, 'unauthenticated');
    await client.login({ email, password });
    expect((await client.me()).user.email).toBe(email);
    await client.logout();
    await rejectsWith(client.me(), 401, 'unauthenticated');
  });

  it('answers the same error for an unknown email and a wrong password', async () => {
    const { email } = await t.newAccount('Wrong');
    const a = await rejectsWith(
      t.client().login({ email, password: 'wrong password!' }),
      401,
      'invalid_credentials',
    );
    const b = await rejectsWith(
      t.client().login({ email: 'nobody@example.test', password: 'whatever123' }),
      401,
      'invalid_credentials',
    );
    expect(a.problem.detail).toBe(b.problem.detail);
  });

  it('throttles sign-in per email after repeated failures, even with the right password', async () => {
    const { email, password } = await t.newAccount('Throttle');
    for (let i = 0; i < 3; i++) {
      await rejectsWith(t.client().login({ email, password: 'wrong password!' }), 401, 'invalid_credentials');
    }
    const limited = await rejectsWith(t.client().login({ email, password }), 429, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('requires the CSRF header on cookie-authenticated writes', async () => {
    const { client } = await t.newAccount('Csrf');
    const token = client.csrfToken!;
    const cookie = `pixport_session=${client.cookie('pixport_session')}; pixport_csrf=${token}`;
    const post = (headers: Record<string, string>) =>
      fetch(`${t.url}/api/v1/keys`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers },
        body: JSON.stringify({ name: 'k' }),
      });
    const missing = await post({});
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { code: string }).code).toBe('csrf_failed');
    expect((await post({ 'X-CSRF-Token': 'forged-token-value' })).status).toBe(403);
    expect((await post({ 'X-CSRF-Token': token })).status).toBe(201);
  });

  it('switches the active organization only to one the user belongs to', async () => {
    const a = await t.newAccount('Switch A');
    const b = await t.newAccount('Switch B');
    await rejectsWith(a.client.switchOrganization(b.me.organization.id), 404, 'not_found');
    await b.client.addMember(b.me.organization.id, { email: a.email, role: 'developer' });
    const switched = await a.client.switchOrganization(b.me.organization.id);
    expect(switched.organization).toMatchObject({ id: b.me.organization.id, role: 'developer' });
    expect(switched.memberships).toHaveLength(2);
  });

  it('closes sign-up after the first account when the operator says so', async () => {
    const closed = await startTestHub({ ALLOW_SIGNUP: 'false' });
    try {
      await closed
        .client()
        .signup({ email: 'first@example.test', password: 'long enough pw', name: 'First' });
      await rejectsWith(
        closed.client().signup({ email: 'second@example.test', password: 'long enough pw', name: 'Second' }),
        403,
        'signup_closed',
      );
    } finally {
      await closed.close();
    }
  });
});
