/* eslint-disable no-restricted-properties -- the child inherits the test environment (database URL) */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const hubDir = path.resolve(here, '../../../../..');

/** A claim-worker.ts child process and the lines it has printed so far. */
export class WorkerProcess {
  readonly lines: string[] = [];
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  private waiters: (() => void)[] = [];

  constructor(args: string[]) {
    // `--import tsx` rather than the tsx CLI: the CLI runs the script in a grandchild process, which
    // would survive the SIGKILL the crash test sends.
    this.child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'claim-worker.ts'), ...args], {
      cwd: hubDir,
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(hubDir, 'tsconfig.json') },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    readline.createInterface({ input: this.child.stdout! }).on('line', (line) => {
      this.lines.push(line);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** Ids reported with a given verb (`claimed`, `ran`, `started`). */
  ids(verb: string): string[] {
    return this.lines.filter((line) => line.startsWith(`${verb} `)).map((line) => line.slice(verb.length + 1));
  }

  send(line: string): void {
    this.child.stdin!.write(`${line}\n`);
  }

  async waitFor(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`worker did not get there in time; output so far:\n${this.lines.join('\n')}`);
      await Promise.race([new Promise<void>((resolve) => this.waiters.push(resolve)), new Promise((resolve) => setTimeout(resolve, 100))]);
    }
  }
}
