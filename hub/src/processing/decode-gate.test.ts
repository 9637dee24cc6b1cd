import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { AppError } from '../errors.js';
import { multipartForm } from '../test-support/multipart.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { DecodeGate, decodedBytesOf } from './decode-gate.js';

const MB = 1024 * 1024;
const budget = { maxConcurrent: 2, maxDecodedBytes: 100 * MB, maxQueue: 3, maxWaitMs: 300, maxRequestDecodedBytes: 80 * MB };

/** Work that runs until released, recording how many run at once. */
function probe() {
  let running = 0;
  let most = 0;
  const releases: Array<() => void> = [];
  const work = () =>
    new Promise<string>((resolve) => {
      running++;
      most = Math.max(most, running);
      releases.push(() => {
        running--;
        resolve('done');
      });
    });
  return { work, releaseAll: () => releases.splice(0).forEach((release) => release()), most: () => most, running: () => running };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('DecodeGate', () => {
  it('runs at most maxConcurrent at once, within the decoded-bytes budget, the rest in order', async () => {
    const gate = new DecodeGate(budget);
    const { work, releaseAll, most, running } = probe();
    const runs = [gate.run(60 * MB, work), gate.run(30 * MB, work), gate.run(30 * MB, work), gate.run(10 * MB, work)];
    await settle();
    // 60 + 30 fit; the third 30 would pass 100 MB; the 10 waits behind it (no overtaking).
    expect(running()).toBe(2);
    expect(gate.stats).toMatchObject({ active: 2, waiting: 2 });
    releaseAll();
    await settle();
    releaseAll();
    await expect(Promise.all(runs)).resolves.toEqual(['done', 'done', 'done', 'done']);
    expect(most()).toBe(2);
  });

  it('answers 503 with Retry-After beyond the queue at once, and after maxWaitMs in it', async () => {
    const gate = new DecodeGate(budget);
    const { work, releaseAll } = probe();
    const running = [gate.run(10 * MB, work), gate.run(10 * MB, work)];
    const queued = [1, 2, 3].map(() => gate.run(10 * MB, work).catch((error: unknown) => error));
    const beyond = await gate.run(10 * MB, work).catch((error: unknown) => error);
    expect(beyond).toBeInstanceOf(AppError);
    expect(beyond).toMatchObject({ code: 'service_unavailable', options: { headers: { 'Retry-After': expect.stringMatching(/^\d+$/) } } });
    for (const waited of await Promise.all(queued)) expect(waited).toMatchObject({ code: 'service_unavailable' });
    releaseAll();
    await Promise.all(running);
    expect(gate.stats).toEqual({ active: 0, waiting: 0, activeBytes: 0 });
  });

  it('runs one request alone even when it is larger than the shared budget', async () => {
    const gate = new DecodeGate({ ...budget, maxDecodedBytes: 10 * MB });
    await expect(gate.run(50 * MB, async () => 'alone')).resolves.toBe('alone');
  });

  it('counts decoded memory from the header: channels and bits per sample, not only pixels', async () => {
    const grey = await sharp({ create: { width: 1000, height: 1000, channels: 3, background: '#808080' } }).toColourspace('b-w').png().toBuffer();
    const rgba16 = await sharp({ create: { width: 1000, height: 1000, channels: 4, background: '#80808080' } }).toColourspace('rgb16').png().toBuffer();
    expect(await decodedBytesOf([grey])).toBe(1_000_000);
    expect(await decodedBytesOf([rgba16])).toBe(8_000_000);
    expect(await decodedBytesOf([Buffer.from('not an image')])).toBe(0);
  });
});

describe('synchronous operations through the hub share the decode budget', () => {
  let t: TestHub;
  let key: string;
  let image: Buffer;
  beforeAll(async () => {
    t = await startTestHub({ SYNC_DECODE_CONCURRENCY: '1', SYNC_DECODE_QUEUE: '2', SYNC_DECODE_WAIT_SECONDS: '30', MAX_DECODED_MB: '40' });
    key = (await t.newKey()).key.key;
    image = await sharp({ create: { width: 2400, height: 2400, channels: 3, background: '#ffffff' } }).png().toBuffer();
  });
  afterAll(() => t.close());

  const post = (file: Buffer) =>
    fetch(`${t.url}/api/v1/process`, {
      method: 'POST',
      headers: { 'X-API-Key': key },
      body: multipartForm({ width: '1200', height: '1200' }, { image: { data: file, filename: 'big.png' } }),
    });

  it('8 parallel large images: one decodes at a time, two wait, the rest get 503 with Retry-After', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(image)));
    const statuses = answers.map((answer) => answer.status);
    const refused = answers.filter((answer) => answer.status === 503);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(3);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    for (const answer of refused) {
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await answer.json()) as { code: string }).code).toBe('service_unavailable');
    }
  });

  it('refuses (413) an image whose decoded size passes MAX_DECODED_MB, though its pixel count is allowed', async () => {
    const deep = await sharp({ create: { width: 2400, height: 2400, channels: 4, background: '#ffffff80' } }).toColourspace('rgb16').png().toBuffer();
    const response = await post(deep);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { code: string; detail: string })).toMatchObject({ code: 'payload_too_large', detail: expect.stringContaining('decoded') });
  });
});
