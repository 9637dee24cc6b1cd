/* eslint-disable no-restricted-properties -- the hub child inherits the test environment */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// PIXPORT_TEST_HUB_ROOT: another checkout's hub (trying the app against a hub branch before it lands).
const root = process.env.PIXPORT_TEST_HUB_ROOT ?? path.resolve(here, '../../../../..');

/**
 * A real hub in its own OS process (the dashboard tests' hub-process.ts: a test hub on SQLite, or MariaDB
 * with TEST_DATABASE_URL), configured with `overrides`. The app talks to it over HTTP only.
 */
export async function startHubProcess(overrides: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'hub/web/test-support/hub-process.ts'), JSON.stringify(overrides)], {
    cwd: root,
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.check.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The hub goes with this process, however it ends (a crashed benchmark leaves no hub behind).
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  const url = await readUrl(child);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', reap);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function readUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`hub exited (${code}) before listening:\n${err.slice(-4000)}`)));
  });
}
