import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config.js';
import { startHubProcess } from './test-support/hub-process.js';
import { tempDir } from './test-support/test-database.js';

describe('DATA_DIR at start-up', () => {
  it('exits 78 naming DATA_DIR when the directory cannot be made or written, and leaves no database', async () => {
    const parent = tempDir();
    const blocker = path.join(parent, 'not-a-directory');
    fs.writeFileSync(blocker, 'a file where the data directory should be');
    const dataDir = path.join(blocker, 'data');
    const failure = await startHubProcess({ DATA_DIR: dataDir }).then(
      () => new Error('expected the hub to refuse to start'),
      (error: Error) => error,
    );
    expect(failure.message).toMatch(/exited with 78/);
    expect(failure.message).toContain(`DATA_DIR: ${dataDir} is not writable`);
    expect(failure.message).not.toMatch(/\n\s+at /); // no stack trace
    expect(fs.readdirSync(parent)).toEqual(['not-a-directory']);
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('creates the data directory 0700 and the SQLite database 0600', async () => {
    const parent = tempDir();
    const dataDir = path.join(parent, 'data');
    const hub = await startHubProcess({ DATA_DIR: dataDir });
    try {
      const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);
      expect(mode(dataDir)).toBe('700');
      expect(mode(path.join(dataDir, 'pixport.sqlite'))).toBe('600');
      expect(mode(path.join(dataDir, 'secrets.key'))).toBe('600');
    } finally {
      await hub.stop();
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe('cookie configuration', () => {
  it('refuses Secure cookies on a public http URL (nobody could stay signed in), naming both variables', () => {
    expect(() => loadConfig({ COOKIE_SECURE: 'true', PUBLIC_URL: 'http://hub.example.test' })).toThrow(
      /COOKIE_SECURE: true, but PUBLIC_URL \(http:\/\/hub\.example\.test\) is http/,
    );
    expect(loadConfig({ COOKIE_SECURE: 'true', PUBLIC_URL: 'http://localhost:3000' }).cookieSecure).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'https://hub.example.test' }).cookieSecure).toBe(true);
  });
});
