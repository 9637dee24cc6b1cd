/* eslint-disable no-restricted-properties -- the child inherits the test environment, plus its own config */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const hubDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** One pino log line of a child hub. */
export type LogLine = Record<string, unknown> & { msg?: string };

/**
 * A real `hub serve | worker | all` process run from the sources (`node --import tsx hub/src/main.ts`,
 * workspace packages mapped to their sources by tsconfig.source.json), configured through its
 * environment like a deployment, with its JSON log lines collected.
 */
export class HubProcess {
  readonly logs: LogLine[] = [];
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** The HTTP URL once started (serve and all). */
  readonly started: Promise<string | undefined>;

  constructor(
    readonly role: 'serve' | 'worker' | 'all',
    env: Record<string, string>,
  ) {
    // `--import tsx` rather than the tsx CLI, whose grandchild would survive a SIGKILL.
    this.child = spawn(process.execPath, ['--import', 'tsx', path.join(hubDir, 'src/main.ts'), role], {
      cwd: hubDir,
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: path.join(hubDir, 'tsconfig.source.json'),
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
      readline.createInterface({ input: this.child.stdout! }).on('line', (text) => {
        let line: LogLine;
        try {
          line = JSON.parse(text) as LogLine;
        } catch {
          return;
        }
        this.logs.push(line);
        if (line.msg === 'pixport hub started') resolve(line.url as string | undefined);
      });
      void this.exited.then((code) =>
        reject(new Error(`hub ${role} exited (${code}) before it started:\n${stderr.join('')}`)),
      );
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
