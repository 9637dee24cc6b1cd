import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConnectorError } from '../connector-error.js';
import { downloadImage } from './download.js';

describe('downloadImage', () => {
  let server: http.Server;
  let base = '';
  const hits: string[] = [];
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      hits.push(request.url ?? '');
      if (request.url === '/image.png')
        return response.writeHead(200, { 'Content-Type': 'image/png' }).end(Buffer.alloc(64, 7));
      if (request.url === '/big.png')
        return response.writeHead(200, { 'Content-Type': 'image/png' }).end(Buffer.alloc(5000));
      if (request.url === '/moved') return response.writeHead(302, { Location: '/image.png' }).end();
      if (request.url === '/busy') return response.writeHead(503).end();
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const fast = { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 };

  it('reads the bytes and the type, following a redirect', async () => {
    expect(await downloadImage('woocommerce', `${base}/image.png`, { maxBytes: 1000 })).toEqual({
      data: Buffer.alloc(64, 7),
      contentType: 'image/png',
    });
    expect((await downloadImage('woocommerce', `${base}/moved`, { maxBytes: 1000 })).data).toEqual(
      Buffer.alloc(64, 7),
    );
  });

  it('maps refusals to ConnectorErrors', async () => {
    const failure = (url: string, maxBytes = 1000) =>
      downloadImage('shopify', url, { maxBytes, retry: fast }).catch(
        (error: unknown) => error as ConnectorError,
      );
    expect(await failure(`${base}/big.png`)).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/larger than 1000/),
    });
    expect(await failure(`${base}/nothing.png`)).toMatchObject({ code: 'not_found', status: 404 });
    const before = hits.filter((hit) => hit === '/busy').length;
    expect(await failure(`${base}/busy`)).toMatchObject({ code: 'unavailable', retryable: true });
    expect(hits.filter((hit) => hit === '/busy').length - before).toBe(2);
    expect(await failure('file:///etc/passwd')).toMatchObject({ code: 'invalid_request' });
    expect(await failure('not a url')).toBeInstanceOf(ConnectorError);
  });
});
