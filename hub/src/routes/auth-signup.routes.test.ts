import { describe, expect, it } from '@jest/globals';
import { startTestHub } from '../test-support/test-hub.js';

const signup = (url: string, email: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ email, password: 'pw-5be2c0d7a9e14f38', name: 'Owner' }),
  });

describe('sign-up and sign-in behind a TLS proxy', () => {
  it('with an https PUBLIC_URL and no TRUST_PROXY, signs up and in with Secure cookies (no 500)', async () => {
    const t = await startTestHub({ PUBLIC_URL: 'https://hub.example.test' });
    try {
      const created = await signup(t.url, 'tls@example.test');
      expect(created.status).toBe(201);
      const cookies = created.headers.getSetCookie();
      expect(cookies.filter((line) => /^pixport_(session|csrf|device)=/.test(line))).toHaveLength(3);
      for (const line of cookies) expect(line).toMatch(/;\s*secure/i);
      const login = await fetch(`${t.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'tls@example.test', password: 'pw-5be2c0d7a9e14f38' }),
      });
      expect(login.status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('a sign-up that fails leaves nothing behind', () => {
  it('rolls the user and organization back when its session cannot be stored, so a retry succeeds', async () => {
    const t = await startTestHub();
    try {
      const db = t.hub.db;
      const sqlite = t.database.dialect === 'sqlite';
      // The session insert fails inside the sign-up (as a cookie or database failure would).
      await db.query(
        sqlite
          ? `CREATE TRIGGER refuse_sessions BEFORE INSERT ON sessions BEGIN SELECT RAISE(ABORT, 'refused'); END`
          : `CREATE TRIGGER refuse_sessions BEFORE INSERT ON sessions FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused'`,
      );
      const failed = await signup(t.url, 'retry@example.test');
      expect(failed.status).toBe(500);
      const users = await db.query('SELECT COUNT(*) AS n FROM users WHERE email = ?', ['retry@example.test']);
      expect(Number(users[0].n)).toBe(0);
      expect(Number((await db.query('SELECT COUNT(*) AS n FROM organizations'))[0].n)).toBe(0);
      await db.query('DROP TRIGGER refuse_sessions');
      expect((await signup(t.url, 'retry@example.test')).status).toBe(201);
    } finally {
      await t.close();
    }
  });
});

describe('password policy', () => {
  it('refuses common, patterned and account-derived passwords with a message naming the field', async () => {
    const t = await startTestHub();
    try {
      const attempt = (email: string, password: string, name = 'Grace Hopper') =>
        fetch(`${t.url}/api/auth/signup`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email, password, name }),
        });
      for (const [email, password] of [
        ['a@example.test', ' '.repeat(10)],
        ['b@example.test', 'password12'],
        ['c@example.test', 'Password123!'],
        ['qwerty@example.test', 'qwertyuiop'],
        ['grace.hopper@example.test', 'grace.hopper@example.test'],
        ['grace@example.test', 'gracehopper1'],
      ] as const) {
        const response = await attempt(email, password);
        expect(response.status).toBe(422);
        const problem = (await response.json()) as { code: string; errors: Array<{ field: string; message: string }> };
        expect(problem.code).toBe('invalid_parameter');
        expect(problem.errors).toEqual([{ field: 'password', message: expect.stringContaining('too easy to guess') }]);
      }
      const users = await t.hub.db.query('SELECT COUNT(*) AS n FROM users');
      expect(Number(users[0].n)).toBe(0);
      expect((await attempt('ok@example.test', 'correct horse battery')).status).toBe(201);
    } finally {
      await t.close();
    }
  });
});
