import { mkdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Work folders of ffmpeg runs; the hub points this under DATA_DIR (see configureWorkDir). */
let root = os.tmpdir();
let owned = false;
const PREFIX = 'pixport-';
/** A work folder older than this is a crashed run's (clips are ≤ 15 s, ffmpeg runs are cut at 60 s). */
export const STALE_WORK_DIR_MS = 10 * 60_000;

/** Puts work folders under `dir` (made 0700), where the hub can sweep what a crash left. */
export function configureWorkDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  root = dir;
  owned = true;
}

/** A fresh work folder for one run. */
export async function makeWorkDir(kind: string): Promise<string> {
  await mkdir(root, { recursive: true, mode: 0o700 }); // (another hub of the same process may have removed its own)
  return mkdtemp(path.join(root, `${PREFIX}${kind}-`));
}

/**
 * Removes work folders left by crashed runs (older than `olderThanMs`, so runs of other processes
 * sharing DATA_DIR are safe). Only in a configured folder: the system temp directory is not ours.
 */
export async function sweepWorkDirs(now = Date.now(), olderThanMs = STALE_WORK_DIR_MS): Promise<number> {
  if (!owned) return 0;
  let removed = 0;
  for (const name of await readdir(root).catch(() => [] as string[])) {
    if (!name.startsWith(PREFIX)) continue;
    const entry = path.join(root, name);
    const info = await stat(entry).catch(() => undefined);
    if (!info || now - info.mtimeMs < olderThanMs) continue;
    await rm(entry, { recursive: true, force: true });
    removed++;
  }
  return removed;
}
