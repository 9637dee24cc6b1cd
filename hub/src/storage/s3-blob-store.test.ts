import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3RVER_CREDENTIALS, startS3Server, type TestS3Server } from '../test-support/s3-server.js';
import { BlobNotFoundError, BlobStoreUnavailableError } from './blob-store.js';
import { blobStoreContract } from './blob-store.contract.js';
import { S3BlobStore } from './s3-blob-store.js';

describe('S3BlobStore (s3rver on 127.0.0.1)', () => {
  let server: TestS3Server;
  let store: S3BlobStore;
  const storeFor = (overrides: Partial<ConstructorParameters<typeof S3BlobStore>[0]> = {}) =>
    new S3BlobStore({
      bucket: server.bucket,
      region: 'us-east-1',
      endpoint: server.endpoint,
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
      prefix: 'pixport/',
      requestTimeoutMs: 5_000,
      ...overrides,
    });

  beforeAll(async () => {
    server = await startS3Server();
    store = storeFor();
  });
  afterAll(async () => {
    store.close();
    await server.close();
  });

  blobStoreContract(() => store);

  it('keeps every blob under the prefix and its organization', async () => {
    await store.put('org_p', 'results/r.png', Buffer.from('x'));
    expect(store.objectKey('org_p', 'results/r.png')).toBe('pixport/org_p/results/r.png');
    expect(await store.keys('org_p')).toEqual(['results/r.png']);
    // Another prefix is another namespace.
    const other = storeFor({ prefix: 'other/' });
    expect(await other.exists('org_p', 'results/r.png')).toBe(false);
    other.close();
  });

  it('treats an object deleted behind its back as not found', async () => {
    await store.put('org_d', 'results/gone.png', Buffer.from('x'));
    await store.client.send(
      new DeleteObjectCommand({ Bucket: server.bucket, Key: 'pixport/org_d/results/gone.png' }),
    );
    await expect(store.stream('org_d', 'results/gone.png')).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await store.stat('org_d', 'results/gone.png')).toBeNull();
    await expect(
      store.downloadUrl('org_d', 'results/gone.png', {
        expiresAt: new Date(Date.now() + 60_000),
        contentType: 'image/png',
        contentDisposition: 'attachment',
      }),
    ).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('hands out presigned URLs that download the bytes with the given headers and stop working when they expire', async () => {
    await store.put('org_u', 'results/r.png', Buffer.from('png bytes'));
    const url = await store.downloadUrl('org_u', 'results/r.png', {
      expiresAt: new Date(Date.now() + 60_000),
      contentType: 'image/png',
      contentDisposition: 'attachment; filename="r.png"',
    });
    expect(url.startsWith(`${server.endpoint}/${server.bucket}/pixport/org_u/results/r.png?`)).toBe(true);
    // Signed for the time left until expiresAt, by the store's own (slightly later) clock.
    const expires = Number(new URL(url).searchParams.get('X-Amz-Expires'));
    expect(expires).toBeGreaterThanOrEqual(50);
    expect(expires).toBeLessThanOrEqual(60);
    const answer = await fetch(url);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/png');
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="r.png"');
    expect(await answer.text()).toBe('png bytes');
    // Signed 10 minutes ago for 5 minutes: expired.
    const past = new Date(Date.now() - 600_000);
    const stale = await store.downloadUrl('org_u', 'results/r.png', {
      now: past,
      expiresAt: new Date(past.getTime() + 300_000),
      contentType: 'image/png',
      contentDisposition: 'attachment',
    });
    expect((await fetch(stale)).status).toBe(403);
  });

  it('caps presigned URLs at a week (the SigV4 limit)', async () => {
    await store.put('org_u', 'results/long.png', Buffer.from('x'));
    const url = await store.downloadUrl('org_u', 'results/long.png', {
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
      contentType: 'image/png',
      contentDisposition: 'attachment',
    });
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe(String(7 * 86_400));
  });

  it('says why it is unavailable: a missing bucket, refused credentials, an unreachable endpoint, a hung server', async () => {
    const missing = storeFor({ bucket: 'no-such-bucket' });
    await expect(missing.check()).rejects.toThrow('bucket "no-such-bucket" does not exist');
    await expect(missing.put('org_a', 'k', Buffer.from('x'))).rejects.toBeInstanceOf(
      BlobStoreUnavailableError,
    );
    missing.close();

    const wrongKey = storeFor({ credentials: { accessKeyId: 'WRONG', secretAccessKey: 'secret-value' } });
    const refused = await wrongKey.check().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BlobStoreUnavailableError);
    expect((refused as BlobStoreUnavailableError).status).toBe(503);
    // HeadBucket's answer has no body: the status is all there is.
    expect((refused as Error).message).toMatch(/refused the credentials \(HTTP 403\)/);
    expect((refused as Error).message).not.toContain('secret-value');
    await expect(wrongKey.stream('org_a', 'k')).rejects.toThrow(
      /refused the credentials \(InvalidAccessKeyId\)/,
    );
    wrongKey.close();

    // A port nothing listens on.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = storeFor({ endpoint: `http://127.0.0.1:${port}` });
    await expect(unreachable.check()).rejects.toThrow(/endpoint is unreachable \(ECONNREFUSED\)/);
    unreachable.close();

    // A server that accepts and never answers.
    const hung = http.createServer(() => undefined);
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const slow = storeFor({
      endpoint: `http://127.0.0.1:${(hung.address() as AddressInfo).port}`,
      requestTimeoutMs: 300,
    });
    const started = Date.now();
    await expect(slow.check()).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(10_000);
    slow.close();
    hung.closeAllConnections();
    await new Promise<void>((resolve) => hung.close(() => resolve()));
  });
});
