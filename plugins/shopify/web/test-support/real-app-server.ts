import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../..');

export interface RealAppServer {
  url: string;
  apiKey: string;
  secret: string;
  shop: string;
  host: string;
  close(): Promise<void>;
}

/** Starts real-app-process.ts (the real app server and its stack) and talks to it over HTTP. */
export async function startRealAppServer(
  options: { hub?: boolean; appEnv?: Record<string, string>; runWorker?: boolean; products?: number } = {},
): Promise<RealAppServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'real-app-process.ts'), JSON.stringify(options)],
    {
      cwd: root,
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.check.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const started = await readStart(child);
  return {
    ...started,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function readStart(child: ChildProcess): Promise<Omit<RealAppServer, 'close'>> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) resolve(JSON.parse(line) as Omit<RealAppServer, 'close'>);
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`app server exited (${code}) before listening:\n${err.slice(-4000)}`)),
    );
  });
}
