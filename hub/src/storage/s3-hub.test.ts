import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HubClient } from '@pixport/shared';
import { productOn } from '../processing/test-images.js';
import { failureOf } from '../test-support/failure.js';
import { multipartForm } from '../test-support/multipart.js';
import { startS3Server, type TestS3Server } from '../test-support/s3-server.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import type { S3BlobStore } from './s3-blob-store.js';

const shot = () =>
  productOn('#ffffff', { width: 300, height: 200 }, { left: 100, top: 50, width: 100, height: 100 });

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the hub on S3 storage (s3rver)', () => {
  let s3: TestS3Server;
  beforeAll(async () => {
    s3 = await startS3Server();
  });
  afterAll(() => s3.close());

  const objects = async (hub: TestHub) => {
    const store = hub.hub.services.blobs as S3BlobStore;
    const listed = await store.client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
    return (listed.Contents ?? []).map((object) => object.Key!);
  };

  describe('streamed downloads', () => {
    let t: TestHub;
    let api: HubClient;
    let organizationId: string;
    beforeAll(async () => {
      t = await startTestHub({ ...s3.env, S3_PREFIX: 'streamed/' });
      const created = await t.newKey();
      api = t.client({ apiKey: created.key.key });
      organizationId = created.me.organization.id;
    });
    afterAll(() => t.close());

    it('is ready, keeps results as objects in the bucket and streams them back', async () => {
      const ready = await fetch(`${t.url}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([
        200,
        { status: 'ok', checks: { database: 'ok', storage: 'ok' } },
      ]);
      const answer = await api.processImage(
        { data: await shot(), filename: 'shoe.png' },
        { width: 120, height: 90 },
      );
      expect(await objects(t)).toContain(`streamed/${organizationId}/results/${answer.id}.png`);
      const file = await api.downloadResult(answer.output.url);
      expect(file.contentType).toBe('image/png');
      expect(file.data.length).toBe(answer.output.bytes);
    });

    it('runs a task with its input in the bucket, deletes the input when done and serves the result', async () => {
      const task = await api.submitTask(
        'process',
        { image: { data: await shot(), filename: 'a.png' } },
        { width: 60, height: 60 },
      );
      const done = await api.waitForTask(task.id, { timeoutMs: 20_000 });
      expect(done.status).toBe('succeeded');
      const file = await api.downloadTaskResult(task.id);
      expect(file.contentType).toBe('image/png');
      expect((await objects(t)).filter((key) => key.includes('task-inputs/'))).toEqual([]);
    });

    it('answers 410 result_expired, not 500, for a result whose object was deleted behind its back', async () => {
      const answer = await api.processImage(await shot(), { width: 50, height: 50 });
      const store = t.hub.services.blobs as S3BlobStore;
      await store.client.send(
        new DeleteObjectCommand({
          Bucket: s3.bucket,
          Key: `streamed/${organizationId}/results/${answer.id}.png`,
        }),
      );
      const gone = await failureOf(api.downloadResult(answer.id));
      expect([gone.status, gone.code]).toEqual([410, 'result_expired']);
    });
  });

  describe('presigned downloads (BLOB_DOWNLOADS=presigned)', () => {
    let t: TestHub;
    let key: string;
    let organizationId: string;
    beforeAll(async () => {
      t = await startTestHub({
        ...s3.env,
        S3_PREFIX: 'presigned/',
        BLOB_DOWNLOADS: 'presigned',
        PUBLIC_URL: 'http://hub.invalid',
        SIGNED_URL_TTL_HOURS: '1',
      });
      const created = await t.newKey();
      key = created.key.key;
      organizationId = created.me.organization.id;
    });
    afterAll(() => t.close());

    it('redirects a result download to a presigned storage URL that expires with the signed-link TTL', async () => {
      const answer = await t
        .client({ apiKey: key })
        .processImage({ data: await shot(), filename: 'shoe.png' }, { width: 64, height: 64 });
      const response = await fetch(`${t.url}/api/v1/results/${answer.id}`, {
        headers: { Authorization: `Bearer ${key}` },
        redirect: 'manual',
      });
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location')!);
      expect(location.origin).toBe(s3.endpoint);
      expect(location.pathname).toBe(`/${s3.bucket}/presigned/${organizationId}/results/${answer.id}.png`);
      // One hour (SIGNED_URL_TTL_HOURS), well before the result's 24 h.
      expect(Number(location.searchParams.get('X-Amz-Expires'))).toBeGreaterThan(3590);
      expect(Number(location.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(3600);
      expect(response.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
      const bytes = await fetch(location);
      expect(bytes.status).toBe(200);
      expect(bytes.headers.get('content-type')).toBe('image/png');
      expect(bytes.headers.get('content-disposition')).toBe('attachment; filename="shoe-process.png"');
      expect((await bytes.arrayBuffer()).byteLength).toBe(answer.output.bytes);
    });

    it('redirects a signed public link to a storage URL that expires no later than the link', async () => {
      const answer = await t.client({ apiKey: key }).processImage(await shot(), { width: 64, height: 64 });
      const record = await t.hub.services.results.get(organizationId, answer.id);
      const link = t.hub.services.links.create(record, new Date(Date.now() - 3000_000));
      // The link's remaining lifetime, taken before the request: the hub's own clock reads later.
      const remaining = Math.ceil((link.expiresAt.getTime() - Date.now()) / 1000);
      const response = await fetch(link.url.replace('http://hub.invalid', t.url), { redirect: 'manual' });
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location')!);
      const seconds = Number(location.searchParams.get('X-Amz-Expires'));
      expect(seconds).toBeGreaterThan(500);
      expect(seconds).toBeLessThanOrEqual(remaining);
      const bytes = await fetch(location);
      expect(bytes.headers.get('content-disposition')).toMatch(/^inline; /);
      expect(bytes.status).toBe(200);
    });

    it('answers 410 for a deleted object instead of redirecting to a 404', async () => {
      const answer = await t.client({ apiKey: key }).processImage(await shot(), { width: 50, height: 50 });
      const store = t.hub.services.blobs as S3BlobStore;
      await store.client.send(
        new DeleteObjectCommand({
          Bucket: s3.bucket,
          Key: `presigned/${organizationId}/results/${answer.id}.png`,
        }),
      );
      const response = await fetch(`${t.url}/api/v1/results/${answer.id}`, {
        headers: { Authorization: `Bearer ${key}` },
        redirect: 'manual',
      });
      expect(response.status).toBe(410);
      expect(((await response.json()) as { code: string }).code).toBe('result_expired');
    });
  });

  describe('faults at start-up', () => {
    it('stops with a clear error when the bucket does not exist', async () => {
      await expect(startTestHub({ ...s3.env, S3_BUCKET: 'no-such-bucket' })).rejects.toThrow(
        'Blob storage is unavailable: bucket "no-such-bucket" does not exist (create it, or fix S3_BUCKET).',
      );
    });

    it.each([
      [
        'unreachable',
        async () => ({ S3_ENDPOINT: `http://127.0.0.1:${await closedPort()}` }),
        /endpoint is unreachable \(ECONNREFUSED\)/,
      ],
      [
        'refusing the credentials',
        async () => ({ S3_ACCESS_KEY_ID: 'WRONG' }),
        /refused the credentials \(HTTP 403\)/,
      ],
    ])(
      'starts with storage %s: /readyz says why, requests that need storage get 503 problem+json',
      async (_, env, reason) => {
        const t = await startTestHub({ ...s3.env, ...(await env()), S3_REQUEST_TIMEOUT_MS: '2000' });
        try {
          const ready = await fetch(`${t.url}/readyz`);
          expect(ready.status).toBe(503);
          const body = (await ready.json()) as {
            status: string;
            checks: Record<string, string>;
            reasons: { storage: string };
          };
          expect(body).toMatchObject({
            status: 'unavailable',
            checks: { database: 'ok', storage: 'failed' },
          });
          expect(body.reasons.storage).toMatch(reason);
          expect(JSON.stringify(body)).not.toContain('S3RVER');
          // Accounts and keys need no storage; processing does.
          const { key } = await t.newKey();
          const failure = await failureOf(
            t.client({ apiKey: key.key }).processImage(await shot(), { width: 50, height: 50 }),
          );
          expect([failure.status, failure.code]).toEqual([503, 'service_unavailable']);
          const response = await fetch(`${t.url}/api/v1/process`, {
            method: 'POST',
            headers: { 'X-API-Key': key.key },
            body: multipartForm(
              { width: '50', height: '50' },
              { image: { data: await shot(), filename: 'a.png' } },
            ),
          });
          expect(response.status).toBe(503);
          expect(response.headers.get('content-type')).toContain('application/problem+json');
          expect(response.headers.get('retry-after')).toBe('5');
        } finally {
          await t.close();
        }
      },
    );
  });
});
