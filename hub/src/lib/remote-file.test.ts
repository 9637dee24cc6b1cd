import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchRemoteFile, RemoteFileError } from './remote-file.js';
import { SsrfGuard } from './ssrf-guard.js';

describe('fetchRemoteFile', () => {
  let server: http.Server;
  let base: string;
  const open = new SsrfGuard({ allowPrivate: true });
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      if (request.url === '/hang') return; // never answers
      if (request.url === '/slow-body') return void response.writeHead(200).write('GIF89a'); // headers, then nothing
      response.writeHead(200).end('file bytes');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => new Error('expected a refusal'),
      (error: unknown) => error,
    );

  it('downloads a file and names it after the URL path', async () => {
    const file = await fetchRemoteFile(`${base}/photos/red%20shoe.jpg?size=large`, {
      guard: open,
      maxBytes: 100,
    });
    expect(file).toEqual({ data: Buffer.from('file bytes'), filename: 'red shoe.jpg' });
  });

  it('gives up when the server does not answer, or stops sending, within the timeout', async () => {
    for (const route of ['/hang', '/slow-body']) {
      const started = performance.now();
      const error = await failure(
        fetchRemoteFile(`${base}${route}`, { guard: open, maxBytes: 100, timeoutMs: 300 }),
      );
      expect(error).toBeInstanceOf(RemoteFileError);
      expect(error).toMatchObject({ kind: 'unreachable', reason: 'did not answer in time' });
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });

  it('refuses loopback with the guard on, before connecting', async () => {
    const error = await failure(fetchRemoteFile(`${base}/x`, { guard: new SsrfGuard(), maxBytes: 100 }));
    expect(error).toMatchObject({ kind: 'blocked', reason: expect.stringContaining('loopback') });
  });
});
