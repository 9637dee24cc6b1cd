import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HubClient, type CreateIntegrationBody, type IntegrationMarketplace, type Me } from '@pixport/shared';
import { signUpFresh } from '../../src/test-support/accounts.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

export interface RealHub {
  url: string;
  /** A Node-side client with its own cookie jar, as one browser would be. */
  client(): HubClient;
  /** A client holding only an API key (no cookies), like the dashboard's tester. */
  keyClient(apiKey: string | undefined): HubClient;
  /** Signs up a fresh user with their own organization. */
  newAccount(name?: string): Promise<{ client: HubClient; me: Me; email: string; password: string }>;
  /** With `{ marketplaces: true }`: a create-integration body with working sandbox credentials per marketplace. */
  integrations?: Record<IntegrationMarketplace, CreateIntegrationBody>;
  close(): Promise<void>;
}

/**
 * Starts `startTestHub()` in a child process (SQLite, or MariaDB with TEST_DATABASE_URL) and talks to it
 * over HTTP. Component tests run in jsdom, where the hub's own modules cannot load.
 */
export async function startRealHub(
  overrides: Record<string, string> = {},
  options: { marketplaces?: boolean } = {},
): Promise<RealHub> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(here, 'hub-process.ts'),
      JSON.stringify(overrides),
      ...(options.marketplaces ? ['marketplaces'] : []),
    ],
    {
      cwd: root,
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.check.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const { url, integrations } = await readStart(child);
  const client = () => {
    const hubClient = new HubClient({ baseUrl: url, cookieJar: true });
    hubClient.http.defaults.adapter = 'http';
    return hubClient;
  };
  return {
    url,
    integrations,
    client,
    keyClient: (apiKey) => {
      const keyed = client();
      keyed.setApiKey(apiKey);
      return keyed;
    },
    newAccount: (name) => signUpFresh(client(), name),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface Started {
  url: string;
  integrations?: Record<IntegrationMarketplace, CreateIntegrationBody>;
}

function readStart(child: ChildProcess): Promise<Started> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) resolve(JSON.parse(line) as Started);
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`test hub exited (${code}) before listening:\n${err}`)));
  });
}
