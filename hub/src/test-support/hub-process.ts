/* eslint-disable no-restricted-properties -- the child inherits the test environment, plus its own config */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Env } from '../config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const START_TIMEOUT_MS = 60_000;

/** One pino log line of a child hub. */
export type LogLine = Record<string, unknown> & { msg?: string };

/**
 * A real `hub serve | worker | all` process run from the sources (`node --import tsx hub/src/main.ts`,
 * workspace packages mapped to their sources by tsconfig.check.json), configured through its
 * environment like a deployment, with its JSON log lines collected.
 */
export class HubProcess {
  readonly logs: LogLine[] = [];
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** Resolves with the HTTP URL (undefined for a worker) once the hub started. */
  readonly started: Promise<string | undefined>;
  private listening: string | undefined;

  constructor(
    readonly role: 'serve' | 'worker' | 'all',
    env: Partial<Record<keyof Env, string>>,
  ) {
    // `--import tsx` rather than the tsx CLI, whose grandchild would survive a SIGKILL.
    this.child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'hub/src/main.ts'), role], {
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
          this.listening = line.url as string | undefined;
          resolve(this.listening);
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

  /** The HTTP URL of a started `serve` or `all` process. */
  get url(): string {
    if (!this.listening) throw new Error(`hub ${this.role} is not listening`);
    return this.listening;
  }

  /** Log lines with this message (and, optionally, matching `where`). */
  logged(msg: string, where: (line: LogLine) => boolean = () => true): LogLine[] {
    return this.logs.filter((line) => line.msg === msg && where(line));
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }

  /** Graceful stop (SIGTERM), as an orchestrator would. */
  async stop(): Promise<void> {
    await this.kill('SIGTERM');
  }
}

/** Starts a hub process (default `serve`) with `env` and resolves once it listens, e.g. on a TestHub's database. */
export async function startHubProcess(
  env: Partial<Record<keyof Env, string>>,
  role: 'serve' | 'all' = 'serve',
): Promise<HubProcess> {
  const hub = new HubProcess(role, env);
  await hub.started;
  return hub;
}
