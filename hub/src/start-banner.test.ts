import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from './config.js';
import { startBanner } from './start-banner.js';

describe('start banner', () => {
  const built = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-banner-'));
  fs.writeFileSync(path.join(built, 'index.html'), '<!doctype html>');

  it('says what to open, that a fresh hub creates its owner there, and where the data lives', () => {
    const config = loadConfig({ DATA_DIR: path.join(process.cwd(), 'data'), DASHBOARD_DIR: built, DATABASE_URL: undefined });
    const text = startBanner(config, { url: 'http://localhost:3000', fresh: true });
    expect(text).toContain('Open http://localhost:3000\n');
    expect(text).toContain('Fresh hub: create the owner account');
    expect(text).toContain('Data: ./data (SQLite ./data/pixport.sqlite, blobs in ./data/blobs)');
    expect(text).toContain('http://localhost:3000/docs');
    expect(startBanner(config, { url: 'http://localhost:3000', fresh: false })).toContain('Sign in on that page.');
  });

  it('names an unbuilt dashboard and hides a MySQL password', () => {
    const config = loadConfig({
      DATA_DIR: '/srv/pixport',
      DASHBOARD_DIR: path.join(built, 'missing'),
      DATABASE_URL: 'mysql://pixport:s3cret@db.internal/pixport',
    });
    const text = startBanner(config, { url: 'http://localhost:3000', fresh: true });
    expect(text).toContain('run `npm run build`');
    expect(text).toContain('MySQL/MariaDB mysql://pixport:***@db.internal/pixport');
    expect(text).not.toContain('s3cret');
  });

  it('is on by default and off under NODE_ENV=production unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).startBanner).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).startBanner).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', START_BANNER: 'true' }).startBanner).toBe(true);
  });
});
