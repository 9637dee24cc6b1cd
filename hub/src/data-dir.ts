import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from './config.js';

/** Bytes written (and synced) to prove DATA_DIR takes writes: a full disk fails here, not mid-request. */
const PROBE_BYTES = 1024 * 1024;

/**
 * Makes DATA_DIR (0700) and the SQLite file (0600) before anything opens them, and refuses — a
 * ConfigError naming DATA_DIR, exit 78 from main — a directory that cannot be created, written or
 * has no room, instead of failing later with a stack trace and a 0-byte database left behind.
 */
export function prepareDataDir(config: Pick<Config, 'dataDir' | 'database'>): void {
  const dirs = [config.dataDir];
  if (config.database.type === 'sqlite' && config.database.file !== ':memory:') dirs.push(path.dirname(config.database.file));
  for (const dir of new Set(dirs)) {
    const variable = dir === config.dataDir ? 'DATA_DIR' : 'DATABASE_URL';
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      probe(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      const why = code === 'ENOSPC' || code === 'EDQUOT' ? 'has no free space' : code === 'EROFS' ? 'is on a read-only file system' : 'is not writable';
      throw new ConfigError([`${variable}: ${dir} ${why} (${code}); the hub keeps its database, blobs and keys there`]);
    }
  }
  if (config.database.type === 'sqlite' && config.database.file !== ':memory:') {
    // better-sqlite3 would create it with the umask's mode (0644); its -wal and -shm files copy this one's.
    fs.closeSync(fs.openSync(config.database.file, 'a', 0o600));
  }
}

function probe(dir: string): void {
  const file = path.join(dir, `.write-probe-${process.pid}`);
  const fd = fs.openSync(file, 'w', 0o600);
  try {
    fs.writeSync(fd, Buffer.alloc(PROBE_BYTES));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
}
