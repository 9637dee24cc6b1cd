/* eslint-disable no-restricted-properties -- the child inherits the test environment */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { HubClient } from '@pixport/shared';
import { ConfigError } from '../config.js';
import { DEMO_OWNER_EMAIL, resetDemoDir } from './demo.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-demo-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('npm run demo', () => {
  it('wipes only a directory it made itself', () => {
    const mine = path.join(tempDir(), 'demo');
    resetDemoDir(mine);
    fs.writeFileSync(path.join(mine, 'pixport.sqlite'), 'old demo');
    resetDemoDir(mine);
    expect(fs.readdirSync(mine)).toEqual(['.pixport-demo']);

    const someoneElses = tempDir();
    fs.writeFileSync(path.join(someoneElses, 'pixport.sqlite'), 'real data');
    expect(() => resetDemoDir(someoneElses)).toThrow(ConfigError);
    expect(fs.readFileSync(path.join(someoneElses, 'pixport.sqlite'), 'utf8')).toBe('real data');
  });

  it('starts the hub with the sandboxes connected, a demo owner whose printed password signs in, a test key and a processed sample photo', async () => {
    const dataDir = path.join(tempDir(), 'data-demo');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'hub/src/demo/demo.ts')], {
      cwd: root,
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.check.json'), HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const banner = await new Promise<string[]>((resolve, reject) => {
        const lines: string[] = [];
        const timer = setTimeout(() => reject(new Error(`demo did not start:\n${lines.join('\n')}`)), 90_000);
        readline.createInterface({ input: child.stdout! }).on('line', (line) => {
          lines.push(line);
          if (line.includes('The demo data is wiped')) {
            clearTimeout(timer);
            resolve(lines);
          }
        });
        void exited.then((code) => reject(new Error(`demo exited ${code}:\n${lines.join('\n')}`)));
      });
      const text = banner.join('\n');
      const url = /Open (http:\/\/\S+)/.exec(text)![1]!;
      const password = /password: (\S+)/.exec(text)![1]!;
      const testKey = /Test key[^:]*: (pxp_test_\S+)/.exec(text)![1]!;
      expect(text).toContain('Webhooks may target localhost');

      const owner = new HubClient({ baseUrl: url });
      await owner.login({ email: DEMO_OWNER_EMAIL, password });
      const integrations = (await owner.listIntegrations()).data;
      expect(integrations.map((integration) => integration.marketplace).sort()).toEqual(['amazon-bridge', 'shopify', 'woocommerce']);
      const shopify = integrations.find((integration) => integration.marketplace === 'shopify')!;
      for (let tries = 0; (await owner.catalog({ integration: shopify.id })).data.length === 0; tries++) {
        expect(tries).toBeLessThan(300);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect((await owner.listPresets()).data.map((preset) => preset.name)).toEqual(['Shopify square']);

      const keyClient = new HubClient({ baseUrl: url, apiKey: testKey });
      const [task] = (await keyClient.listTasks()).data;
      expect(task?.operation).toBe('process');
      const done = await keyClient.waitForTask(task!.id, { timeoutMs: 60_000 });
      expect(done.status).toBe('succeeded');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 150_000);
});
