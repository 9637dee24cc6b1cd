import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HubClient } from '@pixport/shared';
import { describeImage, productOn } from '../processing/test-images.js';
import { failureOf } from '../test-support/failure.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/** A stand-in for a shop's image server, on 127.0.0.1. */
async function imageServer(image: Buffer) {
  const server = http.createServer((request, response) => {
    const route = request.url ?? '/';
    if (route === '/photos/shoe.jpg')
      return response.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(image);
    if (route === '/moved') return response.writeHead(302, { Location: '/photos/shoe.jpg' }).end();
    if (route === '/loop') return response.writeHead(302, { Location: '/loop' }).end();
    if (route === '/notes.txt')
      return response.writeHead(200, { 'Content-Type': 'image/jpeg' }).end('just some text, not an image');
    if (route === '/big-announced')
      return response.writeHead(200, { 'Content-Length': String(200_000) }).end(Buffer.alloc(200_000));
    if (route === '/big-chunked') {
      response.writeHead(200, { 'Content-Type': 'image/jpeg' });
      response.write(image);
      return response.end(Buffer.alloc(200_000));
    }
    response.writeHead(404).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('files named by URL (image_url), fetched through the SSRF guard', () => {
  let shop: Awaited<ReturnType<typeof imageServer>>;
  let image: Buffer;
  beforeAll(async () => {
    image = await productOn(
      '#ffffff',
      { width: 300, height: 200 },
      { left: 100, top: 50, width: 100, height: 100 },
    );
    shop = await imageServer(image);
  });
  afterAll(() => shop.close());

  describe('with private targets allowed (WEBHOOKS_ALLOW_PRIVATE=true, so the test server is reachable)', () => {
    let t: TestHub;
    let api: HubClient;
    let key: string;
    beforeAll(async () => {
      t = await startTestHub({ WEBHOOKS_ALLOW_PRIVATE: 'true', UPLOAD_LIMIT_MB: '0.1' });
      key = (await t.newKey()).key.key;
      api = t.client({ apiKey: key });
    });
    afterAll(() => t.close());

    it('takes a JSON body naming the image by URL', async () => {
      const response = await fetch(`${t.url}/api/v1/process`, {
        method: 'POST',
        headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          image_url: `${shop.url}/photos/shoe.jpg`,
          width: 150,
          height: 150,
          trim: true,
        }),
      });
      expect(response.status).toBe(200);
      const answer = (await response.json()) as { output: { url: string; width: number } };
      expect(answer.output.width).toBe(150);
      const file = await api.downloadResult(answer.output.url);
      expect(file.filename).toBe('shoe-process.jpg');
      expect(await describeImage(Buffer.from(file.data))).toMatchObject({ width: 150, height: 150 });
    });

    it('takes image_url as a form field too, and follows a redirect', async () => {
      const answer = await api.upscale({ url: `${shop.url}/moved` });
      expect(answer.output).toMatchObject({ width: 600, height: 400 });
    });

    it('422 on image_url when the server does not answer with a file', async () => {
      const missing = await failureOf(api.processImage({ url: `${shop.url}/gone.jpg` }));
      expect([missing.status, missing.problem.errors]).toEqual([
        422,
        [{ field: 'image_url', message: 'answered HTTP 404' }],
      ]);
      const loop = await failureOf(api.processImage({ url: `${shop.url}/loop` }));
      expect(loop.problem.errors).toEqual([{ field: 'image_url', message: 'redirects too often' }]);
      const closed = await failureOf(api.processImage({ url: 'http://127.0.0.1:9/x.jpg' }));
      expect(closed.problem.errors).toEqual([
        { field: 'image_url', message: expect.stringMatching(/^could not be fetched \(ECONNREFUSED\)/) },
      ]);
    });

    it('415 when the URL serves something that is not an image, whatever its Content-Type', async () => {
      const error = await failureOf(api.processImage({ url: `${shop.url}/notes.txt` }));
      expect([error.status, error.problem.detail]).toEqual([
        415,
        expect.stringMatching(/^image_url is not a JPEG/),
      ]);
    });

    it('413 for a file over the upload limit, announced or not', async () => {
      for (const route of ['/big-announced', '/big-chunked']) {
        const error = await failureOf(api.processImage({ url: `${shop.url}${route}` }));
        expect([error.status, error.code, error.problem.limit_bytes]).toEqual([
          413,
          'payload_too_large',
          104_858,
        ]);
      }
    });

    it('422 for a file and its URL both, or a JSON body without either', async () => {
      const both = await failureOf(
        api.processImage(image, { image_url: `${shop.url}/photos/shoe.jpg` } as never),
      );
      expect(both.problem.errors).toEqual([
        { field: 'image_url', message: 'send either the file `image` or its URL, not both' },
      ]);
      const none = await fetch(`${t.url}/api/v1/process`, {
        method: 'POST',
        headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
        body: JSON.stringify({ width: 100 }),
      });
      expect(none.status).toBe(422);
      expect(((await none.json()) as { errors: unknown[] }).errors).toEqual([
        { field: 'image', message: expect.stringMatching(/^required/) },
      ]);
    });
  });

  describe('with the guard on (the default)', () => {
    let t: TestHub;
    let api: HubClient;
    beforeAll(async () => {
      t = await startTestHub(
        {},
        {
          services: {
            resolve: async (name) =>
              name === 'metadata.example.test' ? [{ address: '169.254.169.254', family: 4 }] : [],
          },
        },
      );
      api = t.client({ apiKey: (await t.newKey()).key.key });
    });
    afterAll(() => t.close());

    it.each([
      ['a loopback address', () => `${shop.url}/photos/shoe.jpg`, /127\.0\.0\.1 is a loopback address/],
      [
        'a name resolving to cloud metadata',
        () => 'http://metadata.example.test/latest/meta-data',
        /resolves to 169\.254\.169\.254, a link-local address/,
      ],
      ['another scheme', () => 'file:///etc/passwd', /must use http or https/],
      ['credentials in the URL', () => 'http://user:secret@metadata.example.test/', /./],
    ])('refuses %s with 422 on image_url', async (_case, url, reason) => {
      const error = await failureOf(api.processImage({ url: url() }));
      expect([error.status, error.code]).toEqual([422, 'invalid_parameter']);
      expect(error.problem.errors).toEqual([{ field: 'image_url', message: expect.stringMatching(reason) }]);
    });
  });
});
