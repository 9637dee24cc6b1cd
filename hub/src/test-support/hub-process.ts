/* eslint-disable no-restricted-properties -- the child inherits the test environment, plus its own config */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Env } from '../config.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const START_TIMEOUT_MS = 60_000;

type Role = 'serve' | 'worker' | 'all';

/**
 * `hub <role>` from the sources (`node --import tsx hub/src/main.ts`; tsconfig.check.json maps the
 * workspace packages to their sources), configured by its environment like a deployment. `--import tsx`
 * rather than the tsx CLI, whose grandchild would survive a SIGKILL.
 */
function spawnHub(
  role: Role,
  env: Partial<Record<keyof Env, string>>,
  stdout: 'pipe' | 'ignore',
): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(root, 'hub/src/main.ts'), role], {
    cwd: root,
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.check.json'),
      NODE_ENV: 'test',
      SIGNUP_MAX_PER_IP: '10000',
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', stdout, 'pipe'],
  });
}

/** A second hub in its own OS process (`main.ts serve`), e.g. on the database of a TestHub. */
export interface HubProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts `hub <role>` with `env` (quiet: warnings only, output dropped), and resolves once `/healthz` answers. */
export async function startHubProcess(
  env: Partial<Record<keyof Env, string>>,
  role: 'serve' | 'all' | 'worker' = 'serve',
): Promise<HubProcess> {
  const port = await freePort();
  const child = spawnHub(role, { PORT: String(port), LOG_LEVEL: 'warn', ...env }, 'ignore');
  const errors: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`hub process exited with ${child.exitCode}: ${errors.join('')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`hub process did not start: ${errors.join('')}`);
    }
    const ready = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One pino log line of a child hub. */
export type LogLine = Record<string, unknown> & { msg?: string };

/**
 * A hub process whose JSON log lines (level info) are collected, for tests that watch what it did
 * (`logged('task finished')`) and kill it (`kill('SIGKILL')`); also runs role `worker`, which has no HTTP.
 */
export class HubChild {
  readonly logs: LogLine[] = [];
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** Resolves with the HTTP URL (undefined for a worker) once the hub started. */
  readonly started: Promise<string | undefined>;

  constructor(
    readonly role: Role,
    env: Partial<Record<keyof Env, string>>,
  ) {
    this.child = spawnHub(role, { LOG_LEVEL: 'info', ...env }, 'pipe');
    const stderr: string[] = [];
    this.child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.started = new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`hub ${role} did not start in time:\n${stderr.join('')}`)),
        START_TIMEOUT_MS,
      );
      readline.createInterface({ input: this.child.stdout! }).on('line', (text) => {
        let line: LogLine;
        try {
          line = JSON.parse(text) as LogLine;
        } catch {
          return;
        }
        this.logs.push(line);
        if (line.msg === 'pixport hub started') {
          clearTimeout(timer);
          resolve(line.url as string | undefined);
        }
      });
      void this.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`hub ${role} exited (${code}) before it started:\n${stderr.join('')}`));
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Log lines with this message (and, optionally, matching `where`). */
  logged(msg: string, where: (line: LogLine) => boolean = () => true): LogLine[] {
    return this.logs.filter((line) => line.msg === msg && where(line));
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}
