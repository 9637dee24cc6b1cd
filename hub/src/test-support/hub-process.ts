/* eslint-disable no-restricted-properties -- the child inherits the test environment */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Env } from '../config.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

/** A second hub in its own OS process (`main.ts serve`), e.g. on the database of a TestHub. */
export interface HubProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `hub serve` from the sources (tsx) with `env`, and resolves once it listens. */
export async function startHubProcess(env: Partial<Record<keyof Env, string>>, role: 'serve' | 'all' = 'serve'): Promise<HubProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'hub/src/main.ts'), role], {
    cwd: root,
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.check.json'),
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const errors: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub process did not start: ${errors.join('')}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`hub process exited with ${code}: ${errors.join('')}`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(line);
      if (match && line.includes('pixport hub started')) {
        clearTimeout(timer);
        resolve(match[1]!.replace('localhost', '127.0.0.1'));
      }
    });
  });
  return {
    url,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
