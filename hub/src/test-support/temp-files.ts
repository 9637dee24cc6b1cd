import fs from 'node:fs';
import path from 'node:path';
import type { Hub } from '../hub.js';

/**
 * Files in the hub's data directory other than stored blobs (`blobs/<organization>/…`): upload or
 * write leftovers. There should be none once a request is answered, whatever it answered.
 */
export function leftoverTempFiles(hub: Hub): string[] {
  const blobs = path.relative(hub.config.dataDir, hub.config.blobDir);
  const files = fs.existsSync(hub.config.dataDir) ? (fs.readdirSync(hub.config.dataDir, { recursive: true }) as string[]) : [];
  return files.filter((name) => {
    if (fs.statSync(path.join(hub.config.dataDir, name)).isDirectory()) return false;
    const [top, namespace] = name.split(path.sep);
    return !(top === blobs && namespace !== undefined && !namespace.startsWith('.'));
  });
}
