import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';

export interface BannerFacts {
  /** The URL the hub listens on (`http://localhost:3000`). */
  url: string;
  /** No user yet: the dashboard's first page creates the owner account. */
  fresh: boolean;
  /** Extra lines (the demo's sandboxes and password). */
  extra?: string[];
}

/**
 * The few lines for a person, printed after the JSON start line: what to open, what to do there first,
 * where the data lives. Log collectors get the same facts in the JSON line; production turns this off.
 */
export function startBanner(config: Pick<Config, 'dataDir' | 'database' | 'blobs' | 'dashboardDir'>, facts: BannerFacts): string {
  const cwd = process.cwd();
  const shown = (file: string) => {
    const relative = path.relative(cwd, file);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? `./${relative}` : file;
  };
  const database =
    config.database.type === 'sqlite' ? `SQLite ${shown(config.database.file)}` : `MySQL/MariaDB ${withoutPassword(config.database.url)}`;
  const blobs = config.blobs.store === 'local' ? `blobs in ${shown(path.join(config.dataDir, 'blobs'))}` : `blobs in S3 bucket ${config.blobs.s3.bucket}`;
  const built = fs.existsSync(path.join(config.dashboardDir, 'index.html'));
  const lines = [
    '',
    `  Pixport hub is running. Open ${facts.url}`,
    built
      ? facts.fresh
        ? '  Fresh hub: create the owner account on that page first.'
        : '  Sign in on that page.'
      : '  The dashboard is not built yet: run `npm run build` (the API works meanwhile).',
    `  Data: ${shown(config.dataDir)} (${database}, ${blobs})`,
    `  API reference: ${facts.url}/docs    Stop: Ctrl-C`,
    ...(facts.extra ?? []).map((line) => `  ${line}`),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'database';
  }
}
