import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitFor } from './ports';

/** The repository root (plugins/wordpress/tests/e2e/harness → five levels up). */
export const REPO_ROOT = path.resolve(__dirname, '../../../../..');

export interface RunningHub {
  url: string;
  dataDir: string;
  /** Signs up an account and returns a key of it (the full key, as shown once). */
  newKey(options?: { mode?: 'live' | 'test'; scopes?: string[] }): Promise<HubKey>;
  /** Sets every organization's credit balance in the hub's database (as a billing top-up or drain would). */
  setCredits(balance: number): void;
  /** An organization's credit balance, read from the hub's database. */
  credits(organizationId: string): number;
  stop(): Promise<void>;
  logs(): string;
}

export interface HubKey {
  id: string;
  key: string;
  organizationId: string;
  /** Revokes the key with the owner's dashboard session. */
  revoke(): Promise<void>;
}

/** Builds the hub if needed and starts `node hub/dist/main.js all` on 127.0.0.1 with a fresh SQLite data dir. */
export async function startHub(): Promise<RunningHub> {
  if (!fs.existsSync(path.join(REPO_ROOT, 'hub/dist/main.js'))) {
    const build = spawnSync('npx', ['tsc', '-b'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('Building the hub failed');
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-wp-hub-'));
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['hub/dist/main.js', 'all'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${path.join(dataDir, 'pixport.sqlite')}`,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      PUBLIC_URL: url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const healthy = async () => {
    if (child.exitCode !== null) throw new Error(`the hub exited with ${child.exitCode}`);
    return (await fetch(`${url}/healthz`)).ok ? true : undefined;
  };
  await waitFor('the hub to answer /healthz', healthy, 60_000).catch((error) => {
    child.kill('SIGKILL');
    throw new Error(`${String(error)}\n${output}`);
  });

  return {
    url,
    dataDir,
    logs: () => output,
    newKey: (options = {}) => createKey(url, options),
    setCredits(balance) {
      const db = new Database(path.join(dataDir, 'pixport.sqlite'));
      try {
        db.pragma('busy_timeout = 5000');
        db.prepare('UPDATE organizations SET credits_balance = ?').run(balance);
      } finally {
        db.close();
      }
    },
    credits(organizationId) {
      const db = new Database(path.join(dataDir, 'pixport.sqlite'), { readonly: true });
      try {
        db.pragma('busy_timeout = 5000');
        const row = db
          .prepare('SELECT credits_balance FROM organizations WHERE id = ?')
          .get(organizationId) as { credits_balance: number } | undefined;
        if (!row) throw new Error(`no organization ${organizationId} in the hub's database`);
        return Number(row.credits_balance);
      } finally {
        db.close();
      }
    },
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function createKey(
  url: string,
  options: { mode?: 'live' | 'test'; scopes?: string[] },
): Promise<HubKey> {
  const session = new Session(url);
  const email = `wp-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const me = await session.call('POST', '/api/auth/signup', {
    email,
    password: 'wordpress-e2e-password',
    name: 'WP e2e',
  });
  const created = await session.call('POST', '/api/v1/keys', {
    name: 'wordpress e2e',
    scopes: options.scopes ?? [],
    mode: options.mode ?? 'live',
  });
  const organizationId = String(
    (me.organization as { id?: string } | undefined)?.id ??
      (me.active_organization as { id?: string } | undefined)?.id ??
      '',
  );
  return {
    id: String(created.id),
    key: String(created.key),
    organizationId,
    revoke: async () => {
      await session.call('PATCH', `/api/v1/keys/${created.id}`, { active: false });
    },
  };
}

/** A dashboard session: cookies + the CSRF header, like the hub's own client. */
class Session {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async call(method: string, route: string, body?: unknown): Promise<Record<string, unknown>> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    const csrf = this.cookies.get('pixport_csrf');
    if (csrf) headers['X-CSRF-Token'] = decodeURIComponent(csrf);
    const response = await fetch(this.base + route, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${route} → ${response.status}: ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }
}
