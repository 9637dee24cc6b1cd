import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { tempDir } from '../test-support/test-database.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw HTTP GET (fetch would decode br/gzip on its own, hiding what the hub sent). */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

/** A build directory as `npm run build` lays it out: index.html naming hashed assets, with br/gz copies. */
function fakeBuild(): { dir: string; html: string; script: string } {
  const dir = tempDir();
  const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;
  const html =
    '<!doctype html><title>Pixport</title><script type="module" src="/assets/app-ABC123.js"></script>';
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), html);
  fs.writeFileSync(path.join(dir, 'assets/app-ABC123.js'), script);
  fs.writeFileSync(path.join(dir, 'assets/app-ABC123.js.br'), zlib.brotliCompressSync(script));
  fs.writeFileSync(path.join(dir, 'assets/app-ABC123.js.gz'), zlib.gzipSync(script));
  return { dir, html, script };
}

describe('the dashboard is served by the hub', () => {
  let t: TestHub;
  let build: ReturnType<typeof fakeBuild>;
  beforeAll(async () => {
    build = fakeBuild();
    t = await startTestHub({ DASHBOARD_DIR: build.dir });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(build.dir, { recursive: true, force: true });
  });

  it('serves the page at / revalidated on every load, with a strict content security policy', async () => {
    const page = await get(`${t.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body.toString()).toBe(build.html);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-request-id']).toMatch(/^req_/);

    const again = await get(`${t.url}/`, { 'If-None-Match': page.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await get(`${t.url}/index.html`)).body.toString()).toBe(build.html);
  });

  it('serves hashed assets as immutable, pre-compressed by what the browser accepts', async () => {
    const url = `${t.url}/assets/app-ABC123.js`;
    const brotli = await get(url, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(brotli.status).toBe(200);
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotli.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toMatch(/Accept-Encoding/);
    expect(zlib.brotliDecompressSync(brotli.body).toString()).toBe(build.script);

    const gzip = await get(url, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body).toString()).toBe(build.script);

    const plain = await get(url, { 'Accept-Encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(build.script);

    const head = await get(url, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('answers unknown assets, other methods and paths outside the build with the API’s 404 problem', async () => {
    for (const [method, url] of [
      ['GET', '/assets/app-OTHER.js'],
      ['GET', '/assets/app-ABC123.js.br'],
      ['GET', '/assets/../index.html/x'],
      ['POST', '/'],
      ['GET', '/keys'],
    ] as const) {
      const response = await get(`${t.url}${url}`, {}, method);
      expect([method, url, response.status]).toEqual([method, url, 404]);
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(JSON.parse(response.body.toString()).code).toBe('not_found');
    }
  });

  it('leaves every API route to the API', async () => {
    const openapi = await get(`${t.url}/api/v1/openapi`);
    expect(openapi.status).toBe(200);
    expect(JSON.parse(openapi.body.toString()).openapi).toBe('3.1.0');
    expect((await get(`${t.url}/healthz`)).status).toBe(200);
  });
});

describe('a hub whose dashboard was not built', () => {
  it('says how to build it at / and keeps serving the API', async () => {
    const empty = tempDir();
    const t = await startTestHub({ DASHBOARD_DIR: empty });
    try {
      const page = await get(`${t.url}/`);
      expect(page.status).toBe(503);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body.toString()).toContain('npm run build');
      expect((await get(`${t.url}/healthz`)).status).toBe(200);
    } finally {
      await t.close();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
