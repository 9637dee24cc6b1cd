import fs from 'node:fs';
import { HubClient, type CreatedKey, type Me } from '@pixport/shared';
import { loadConfig, type Env } from '../config.js';
import { openHub, type Hub, type HubOptions } from '../hub.js';
import { signUpFresh } from './accounts.js';
import { createTestDatabase, tempDir, type TestDatabase } from './test-database.js';

export interface TestHub {
  hub: Hub;
  url: string;
  database: TestDatabase;
  /** A client with its own cookie jar (one browser), optionally with an API key. */
  client(options?: { apiKey?: string; clientPlatform?: 'wordpress' | 'shopify' | 'direct' }): HubClient;
  /** Signs up a fresh user (own organization) and returns a client holding the session. */
  newAccount(name?: string): Promise<{ client: HubClient; me: Me; email: string; password: string }>;
  /** A new account plus an API key of it. */
  newKey(options?: {
    scopes?: string[];
    mode?: 'live' | 'test';
  }): Promise<{ owner: HubClient; me: Me; key: CreatedKey }>;
  close(): Promise<void>;
}

/** A real hub on 127.0.0.1 (random port) over a fresh database: SQLite, or MariaDB with TEST_DATABASE_URL. */
export async function startTestHub(overrides: Partial<Record<keyof Env, string>> = {}, options: HubOptions = {}): Promise<TestHub> {
  const database = await createTestDatabase();
  const dataDir = tempDir();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    // Functional tests poll and repeat freely; the rate-limit tests set RATE_LIMIT_SCALE=1 themselves.
    RATE_LIMIT_SCALE: '100',
    // Test files sign up dozens of accounts from 127.0.0.1; the throttle tests set their own limit.
    SIGNUP_MAX_PER_IP: '10000',
    ...overrides,
  });
  const hub = await openHub(config, options);
  const url = await hub.listen(0, '127.0.0.1');
  const client: TestHub['client'] = (options = {}) => new HubClient({ baseUrl: url, ...options });

  const newAccount: TestHub['newAccount'] = (name) => signUpFresh(client(), name);

  return {
    hub,
    url,
    database,
    client,
    newAccount,
    async newKey(options = {}) {
      const { client: owner, me } = await newAccount();
      const key = await owner.createKey({
        name: 'test key',
        scopes: (options.scopes ?? []) as never,
        mode: options.mode ?? 'live',
      });
      return { owner, me, key };
    },
    async close() {
      await hub.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
