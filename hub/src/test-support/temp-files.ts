import fs from 'node:fs';
import path from 'node:path';
import type { Hub } from '../hub.js';

/** Files left in the hub's upload and blob temp directories (should be none once a request is answered). */
export function leftoverTempFiles(hub: Hub): string[] {
  const dirs = [path.join(hub.config.dataDir, 'tmp'), path.join(hub.config.blobDir, '.tmp')];
  return dirs.flatMap((dir) => (fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => path.join(dir, name)) : []));
}
