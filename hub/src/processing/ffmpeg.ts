import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { AppError } from '../errors.js';

const require = createRequire(import.meta.url);

/** The ffmpeg binary: the one shipped by `@ffmpeg-installer/ffmpeg`, else `ffmpeg` from PATH. */
export function findFfmpeg(): string {
  try {
    const shipped = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    accessSync(shipped, constants.X_OK);
    return shipped;
  } catch {
    return 'ffmpeg';
  }
}

const noFfmpeg = () =>
  new AppError('service_unavailable', 'gif-from-video needs ffmpeg: install @ffmpeg-installer/ffmpeg or put ffmpeg on PATH.');

/**
 * util-linux's `setpriv --pdeathsig`, where there is one (Linux): the kernel kills ffmpeg when the hub
 * process dies, even by SIGKILL, which no handler in Node can see (Node has no prctl of its own).
 */
const SETPRIV = process.platform === 'linux' ? ['/usr/bin/setpriv', '/bin/setpriv'].find(executable) : undefined;

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs ffmpeg; resolves with stderr (ffmpeg's log), rejects with it when the exit code is not 0. */
export function runFfmpeg(binary: string, args: string[], signal?: AbortSignal, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const command = ['-hide_banner', '-nostdin', ...args];
    const [file, argv] = SETPRIV ? [SETPRIV, ['--pdeathsig', 'KILL', '--', binary, ...command]] : [binary, command];
    const child = spawn(file, argv, { stdio: ['ignore', 'ignore', 'pipe'], signal, timeout: timeoutMs });
    let log = '';
    child.stderr.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-20_000);
    });
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? noFfmpeg() : error));
    child.on('close', (code) => {
      if (code === 0) return resolve(log);
      // setpriv could not start ffmpeg (127: not found, 126: not executable).
      if (SETPRIV && (code === 127 || code === 126) && /setpriv:/.test(log)) return reject(noFfmpeg());
      reject(Object.assign(new Error(`ffmpeg exited ${code}`), { log }));
    });
  });
}

/** Duration in seconds from ffmpeg's input banner, or null when it has none. */
export function parseDuration(log: string): number | null {
  const match = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(log);
  if (!match) return null;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}
