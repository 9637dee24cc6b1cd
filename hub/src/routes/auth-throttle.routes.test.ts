import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import crypto from 'node:crypto';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/** One browser: a cookie jar and, optionally, the address a proxy says it came from. */
function browser(base: string, forwardedFor?: string) {
  const jar = new Map<string, string>();
  const post = async (path: string, body: object) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}),
        ...(jar.size > 0 ? { Cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') } : {}),
      },
      body: JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    const problem = response.status >= 400 ? ((await response.json()) as { code: string }) : undefined;
    return { status: response.status, code: problem?.code, retryAfter: response.headers.get('retry-after'), cookies: response.headers.getSetCookie() };
  };
  return {
    jar,
    signup: (email: string, password: string) => post('/api/auth/signup', { email, password, name: 'Owner' }),
    login: (email: string, password: string) => post('/api/auth/login', { email, password }),
  };
}

const freshEmail = () => `owner-${crypto.randomBytes(4).toString('hex')}@example.test`;
const PASSWORD = 'pw-7f3a9c2e4b1d8f60';

describe('sign-in throttle (behind a trusted proxy, so each test client has its own address)', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({
      TRUST_PROXY: 'true',
      LOGIN_MAX_FAILURES_PER_EMAIL: '10',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '25',
      LOGIN_MAX_ATTEMPTS_PER_IP: '1000',
    });
  });
  afterAll(() => t.close());

  it('lets at most the limit of 60 parallel wrong passwords for one email reach the password check', async () => {
    const email = freshEmail();
    await browser(t.url, '198.51.100.1').signup(email, PASSWORD);
    const attacker = browser(t.url, '203.0.113.60');
    const answers = await Promise.all(Array.from({ length: 60 }, () => attacker.login(email, 'wrong password 1')));
    const checked = answers.filter((answer) => answer.status === 401);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(checked.length).toBeLessThanOrEqual(10);
    expect(checked.length + refused.length).toBe(60);
    expect(refused.every((answer) => answer.code === 'rate_limited' && Number(answer.retryAfter) > 0)).toBe(true);
  });

  it('keeps the owner signed-in-able while strangers exhaust their own and the account budget', async () => {
    const email = freshEmail();
    const owner = browser(t.url, '198.51.100.2');
    expect((await owner.signup(email, PASSWORD)).status).toBe(201);
    expect(owner.jar.get('pixport_device')).toEqual(expect.any(String));
    // Strangers from three addresses, including the owner's own (a shared NAT): 30 guesses in all.
    for (const address of ['203.0.113.7', '203.0.113.8', '198.51.100.2']) {
      const stranger = browser(t.url, address);
      await Promise.all(Array.from({ length: 10 }, () => stranger.login(email, 'wrong password 2')));
      expect((await stranger.login(email, PASSWORD)).status).toBe(429);
    }
    // The owner's browser (it signed in before) is not held to the strangers' limits…
    expect((await owner.login(email, PASSWORD)).status).toBe(200);
    // …while a browser the account never saw meets the account ceiling (distributed guessing).
    const newDevice = await browser(t.url, '198.51.100.99').login(email, PASSWORD);
    expect(newDevice).toMatchObject({ status: 429, code: 'rate_limited' });
    // The owner learns of it: one audit event per window.
    const response = await fetch(`${t.url}/api/v1/audit?limit=50`, {
      headers: { Cookie: `pixport_session=${owner.jar.get('pixport_session')}` },
    });
    const events = ((await response.json()) as { data: Array<{ action: string }> }).data;
    expect(events.filter((event) => event.action === 'session.sign_in_throttled')).toHaveLength(1);
  });

  it('a device cookie issued for one account does not help against another', async () => {
    const [a, b] = [freshEmail(), freshEmail()];
    const owner = browser(t.url, '198.51.100.3');
    await owner.signup(a, PASSWORD);
    await browser(t.url, '198.51.100.4').signup(b, PASSWORD);
    await Promise.all(Array.from({ length: 10 }, () => owner.login(b, 'wrong password 3')));
    expect((await owner.login(b, PASSWORD)).status).toBe(429);
  });

  it('makes a client wait longer after each failure past the third (no CAPTCHA)', async () => {
    const email = freshEmail();
    await browser(t.url, '198.51.100.5').signup(email, PASSWORD);
    const guesser = browser(t.url, '203.0.113.9');
    for (let i = 0; i < 3; i++) expect((await guesser.login(email, 'wrong password 4')).status).toBe(401);
    const waiting = await guesser.login(email, PASSWORD);
    expect(waiting).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: '1' });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await guesser.login(email, PASSWORD)).status).toBe(200);
  });
});

describe('per-address budgets', () => {
  it('does not count sign-ups against the sign-in budget, and limits sign-ups apart', async () => {
    const t = await startTestHub({ LOGIN_MAX_ATTEMPTS_PER_IP: '3', SIGNUP_MAX_PER_IP: '5' });
    try {
      const client = browser(t.url);
      const emails = Array.from({ length: 5 }, freshEmail);
      for (const email of emails) expect((await client.signup(email, PASSWORD)).status).toBe(201);
      expect((await client.signup(freshEmail(), PASSWORD)).code).toBe('rate_limited');
      for (const email of emails.slice(0, 3)) expect((await client.login(email, PASSWORD)).status).toBe(200);
      expect((await client.login(emails[3]!, PASSWORD)).code).toBe('rate_limited');
    } finally {
      await t.close();
    }
  });

  it('behind a proxy without TRUST_PROXY, tells clients apart by the address the proxy appended', async () => {
    const t = await startTestHub({ LOGIN_MAX_ATTEMPTS_PER_IP: '2' });
    try {
      const email = freshEmail();
      await browser(t.url).signup(email, PASSWORD);
      const a = browser(t.url, '203.0.113.20');
      for (let i = 0; i < 2; i++) expect((await a.login(email, 'wrong password 5')).status).toBe(401);
      expect((await a.login(email, 'wrong password 5')).code).toBe('rate_limited');
      // Another user behind the same proxy still has a budget; a spoofed leading entry changes nothing.
      expect((await browser(t.url, '203.0.113.21').login(email, PASSWORD)).status).toBe(200);
      expect((await browser(t.url, '192.0.2.1, 203.0.113.20').login(email, PASSWORD)).code).toBe('rate_limited');
    } finally {
      await t.close();
    }
  });
});
