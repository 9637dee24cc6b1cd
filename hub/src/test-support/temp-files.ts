import fs from 'node:fs';
import path from 'node:path';
import type { Hub } from '../hub.js';

/** Files under the hub's data directory, stored blobs (`blobs/<organization>/…`) left out. */
function nonBlobFiles(hub: Hub): string[] {
  const root = hub.config.dataDir;
  const blobs = path.relative(root, hub.config.blobDir);
  const files = fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true }) as string[]) : [];
  return files.filter((name) => {
    if (fs.statSync(path.join(root, name)).isDirectory()) return false;
    const [top, namespace] = name.split(path.sep);
    return !(top === blobs && namespace !== undefined && !namespace.startsWith('.'));
  });
}

/**
 * Watches the data directory for leftovers (upload or blob temp files): `leftovers()` lists the files
 * that appeared since the watch began and are not stored blobs. There should be none once a request
 * is answered, whatever it answered.
 */
export function watchTempFiles(hub: Hub) {
  const before = new Set(nonBlobFiles(hub));
  return { leftovers: () => nonBlobFiles(hub).filter((name) => !before.has(name)) };
}
