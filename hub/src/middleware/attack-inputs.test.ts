import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { productOn } from '../processing/test-images.js';
import { startHubProcess, type HubProcess } from '../test-support/hub-process.js';
import { createTestDatabase, tempDir, type TestDatabase } from '../test-support/test-database.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const problemOf = async (response: Response) => {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await response.json()) as { code: string; status: number };
};

describe('unauthenticated uploads are not buffered (a separate hub process, measured from /proc)', () => {
  let database: TestDatabase;
  let dataDir: string;
  let hub: HubProcess;
  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = tempDir();
    hub = await startHubProcess({ DATABASE_URL: database.url, DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await hub.stop();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // Not read, a body is still received and discarded (so the client can read the answer and keep the
  // connection): the garbage is collected as it comes, bounded by V8's young generation, not by the
  // upload. Before, the multipart parser kept every file: +546 MB for the same posts.
  it('8 parallel posts of 4 × 24 MB without a key grow the process by well under 100 MB', async () => {
    const file = new Blob([new Uint8Array(24 * 1024 * 1024).fill(7)]);
    const post = (path: string) => {
      const form = new FormData();
      for (let i = 0; i < 4; i++) form.append(`image${i}`, file, `big-${i}.png`);
      return fetch(`${hub.url}${path}`, { method: 'POST', body: form }).then(async (response) => ({
        status: response.status,
        problem: await problemOf(response),
      }));
    };
    // Warm up the routes (first-request allocations are not what is measured).
    await post('/healthz');
    await post('/api/v1/process');
    const before = memoryOf(hub.child.pid!);
    let highest = before.rss;
    const sampler = setInterval(() => (highest = Math.max(highest, memoryOf(hub.child.pid!).rss)), 10);
    const answers = await Promise.all([
      ...Array.from({ length: 4 }, () => post('/healthz')),
      ...Array.from({ length: 4 }, () => post('/api/v1/process')),
    ]);
    clearInterval(sampler);
    highest = Math.max(highest, memoryOf(hub.child.pid!).rss);
    expect(answers.slice(0, 4).map((answer) => answer.problem.code)).toEqual(Array(4).fill('method_not_allowed'));
    expect(answers.slice(4).map((answer) => answer.problem.code)).toEqual(Array(4).fill('missing_api_key'));
    expect(highest - before.rss).toBeLessThan(100);
  }, 60_000);
});

describe('inputs that answered 500', () => {
  let t: TestHub;
  let key: string;
  let shop: http.Server;
  let shopUrl: string;
  beforeAll(async () => {
    t = await startTestHub({ WEBHOOKS_ALLOW_PRIVATE: 'true' });
    key = (await t.newKey()).key.key;
    const image = await productOn('#ffffff', { width: 120, height: 80 }, { left: 40, top: 20, width: 40, height: 40 });
    shop = http.createServer((request, response) => {
      if (request.url === '/img%ff') return void response.writeHead(200, { 'Content-Type': 'image/png' }).end(image);
      if (request.url === '/bad-redirect') return void response.writeHead(302, { Location: 'http://[::1' }).end();
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => shop.close(resolve));
    await t.close();
  });

  const processUrl = (imageUrl: string) =>
    fetch(`${t.url}/api/v1/process`, {
      method: 'POST',
      headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
      body: JSON.stringify({ image_url: imageUrl, width: 60, height: 60 }),
    });

  it('takes an image URL whose path holds a bad percent-escape (/img%ff)', async () => {
    const response = await processUrl(`${shopUrl}/img%ff`);
    expect(response.status).toBe(200);
  });

  it('answers a redirect to a malformed Location with a 4xx problem', async () => {
    const response = await processUrl(`${shopUrl}/bad-redirect`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect((await problemOf(response)).code).not.toBe('internal');
  });

  it('refuses deeply nested JSON (400 invalid_body) on an authenticated POST with Idempotency-Key', async () => {
    const deep = `{"name":"deep","operation":"process","params":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    for (const headers of [{ 'Idempotency-Key': 'deep-1' }, {}]) {
      const response = await fetch(`${t.url}/api/v1/presets`, {
        method: 'POST',
        headers: { 'X-API-Key': key, 'Content-Type': 'application/json', ...headers },
        body: deep,
      });
      expect(response.status).toBe(400);
      expect((await problemOf(response)).code).toBe('invalid_body');
    }
  });

  it('refuses a JSON body with more values than the limit (400), before anything walks it', async () => {
    const wide = JSON.stringify({ name: 'wide', operation: 'process', params: Array(100_001).fill(0) });
    const response = await fetch(`${t.url}/api/v1/presets`, {
      method: 'POST',
      headers: { 'X-API-Key': key, 'Content-Type': 'application/json', 'Idempotency-Key': 'wide-1' },
      body: wide,
    });
    expect(response.status).toBe(400);
    expect((await problemOf(response)).code).toBe('invalid_body');
  });
});
