import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { HubClient } from '@pixport/shared';
import {
  boxOf,
  describeImage,
  isProductRed,
  pixelAt,
  pngDeclaring,
  productOn,
} from '../processing/test-images.js';
import { ResultRow } from '../db/entities/result.entity.js';
import { failureOf } from '../test-support/failure.js';
import { watchTempFiles } from '../test-support/temp-files.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/** A 100×100 red product on a white 300×200 photo. */
const shot = () =>
  productOn('#ffffff', { width: 300, height: 200 }, { left: 100, top: 50, width: 100, height: 100 });

describe('POST /api/v1/process and result downloads', () => {
  let t: TestHub;
  let api: HubClient;
  let owner: HubClient;
  beforeAll(async () => {
    t = await startTestHub();
    const created = await t.newKey();
    api = t.client({ apiKey: created.key.key });
    owner = created.owner;
  });
  afterAll(() => t.close());
  let temp: ReturnType<typeof watchTempFiles>;
  beforeEach(() => {
    temp = watchTempFiles(t.hub);
  });
  afterEach(() => expect(temp.leftovers()).toEqual([]));

  it('fits the product and answers a result whose URL downloads it', async () => {
    const answer = await api.processImage(
      { data: await shot(), filename: 'Red shoe.jpg' },
      { width: 400, height: 300, margin: 0.1, background: '#ffffff', trim: true, format: 'jpeg' },
    );
    expect(answer).toMatchObject({
      id: expect.stringMatching(/^res_/),
      operation: 'process',
      output: {
        url: `${t.url}/api/v1/results/${answer.id}`,
        content_type: 'image/jpeg',
        width: 400,
        height: 300,
        bytes: expect.any(Number),
      },
      credits_charged: 1,
      duration_ms: expect.any(Number),
    });
    expect(Date.parse(answer.expires_at) - Date.now()).toBeGreaterThan(23 * 3600_000);
    const file = await api.downloadResult(answer.output.url);
    expect(file.contentType).toBe('image/jpeg');
    expect(file.filename).toBe('Red-shoe-process.jpg');
    expect(file.data.length).toBe(answer.output.bytes);
    const image = Buffer.from(file.data);
    expect(await describeImage(image)).toMatchObject({ format: 'jpeg', width: 400, height: 300 });
    // Trimmed, then fitted: the 100×100 product fills the inner 240 px (fill ratio 0.8 of the 300 px
    // height with margins 0.1), centred; JPEG softens its edges by a pixel or two.
    const box = (await boxOf(image, isProductRed))!;
    expect(Math.abs(box.height / 300 - 0.8)).toBeLessThan(0.02);
    expect(Math.abs(box.width / 300 - 0.8)).toBeLessThan(0.02);
    expect(Math.abs(box.left + box.width / 2 - 200)).toBeLessThanOrEqual(2);
    expect(Math.abs(box.top + box.height / 2 - 150)).toBeLessThanOrEqual(2);
    for (const [x, y] of [
      [0, 0],
      [399, 0],
      [0, 299],
      [399, 299],
      [200, 2],
    ]) {
      for (const channel of (await pixelAt(image, x!, y!)).slice(0, 3))
        expect(channel).toBeGreaterThanOrEqual(250);
    }
  });

  it('answers the image bytes with Accept: image/*, the facts in X-Pixport-* headers', async () => {
    const file = await api.operationBytes('process', { image: await shot() }, { width: 200, height: 200 });
    expect(file.contentType).toBe('image/png');
    expect(file.headers).toMatchObject({
      'x-pixport-operation': 'process',
      'x-pixport-width': '200',
      'x-pixport-height': '200',
      'x-pixport-credits-charged': '1',
    });
    expect(Number(file.headers['x-pixport-duration-ms'])).toBeGreaterThanOrEqual(0);
    const metadata = JSON.parse(file.headers['x-pixport-metadata']!) as Record<string, unknown>;
    expect(metadata).toMatchObject({ format: 'png', fit: 'contain', background: 'transparent' });
    const image = Buffer.from(file.data);
    expect(await describeImage(image)).toMatchObject({
      format: 'png',
      width: 200,
      height: 200,
      hasAlpha: true,
    });
    expect((await pixelAt(image, 100, 2))[3]).toBe(0); // letterbox is transparent
  });

  it('fills defaults from preset=<marketplace>; explicit fields override them', async () => {
    const amazon = await api.processImage(await shot(), { preset: 'amazon' });
    expect(amazon.output).toMatchObject({ content_type: 'image/jpeg', width: 2000, height: 2000 });
    expect(amazon.metadata).toMatchObject({ preset: 'amazon', background: '#ffffff' });
    const overridden = await api.processImage(await shot(), { preset: 'amazon', width: 1000, format: 'png' });
    expect(overridden.output).toMatchObject({ content_type: 'image/png', width: 1000, height: 2000 });
  });

  it('writes the usage row with the operation, heavy flag and presetLabel', async () => {
    const { owner: own, key } = await t.newKey();
    const client = t.client({ apiKey: key.key });
    await client.processImage(await shot(), { width: 100, height: 100, presetLabel: 'spring-sale' });
    await client.removeBackground(await shot());
    const [removal, fit] = (await own.usageLogs()).data;
    expect(fit).toMatchObject({
      route: '/api/v1/process',
      operation: 'process',
      heavy: false,
      label: 'spring-sale',
      status: 200,
    });
    expect(removal).toMatchObject({
      route: '/api/v1/remove-background',
      operation: 'remove-background',
      heavy: true,
      label: null,
    });
  });

  describe('refuses bad input with problem details, leaving nothing behind', () => {
    it('415 for a file that is not an image, whatever its name', async () => {
      const error = await failureOf(
        api.processImage({ data: Buffer.from('%PDF-1.7 not an image'), filename: 'photo.jpg' }),
      );
      expect([error.status, error.code]).toEqual([415, 'unsupported_media_type']);
      expect(error.problem.detail).toMatch(/^image is not a JPEG, PNG/);
    });

    it('415 for a body that is neither multipart nor JSON', async () => {
      const response = await api.raw({
        method: 'post',
        url: '/api/v1/process',
        data: new URLSearchParams({ width: '100' }),
      });
      expect(response.status).toBe(415);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect((response.data as { code: string }).code).toBe('unsupported_media_type');
    });

    it('400 invalid_image for truncated and empty files', async () => {
      const jpeg = await shot();
      const truncated = await failureOf(api.processImage(jpeg.subarray(0, 300)));
      expect([truncated.status, truncated.code]).toEqual([400, 'invalid_image']);
      const empty = await failureOf(api.processImage(new Uint8Array(0)));
      expect([empty.status, empty.code, empty.problem.detail]).toEqual([
        400,
        'invalid_image',
        'image is an empty file.',
      ]);
    });

    it('422 naming the field and the allowed range', async () => {
      const error = await failureOf(api.processImage(await shot(), { width: 0, margin: 0.6 }));
      expect([error.status, error.code]).toEqual([422, 'invalid_parameter']);
      expect(error.problem.errors).toEqual(
        expect.arrayContaining([
          { field: 'width', message: 'must be an integer between 1 and 10000' },
          { field: 'margin', message: 'must be a number between 0 and 0.49' },
        ]),
      );
      const missing = await failureOf(
        api.processImage({ data: await shot(), filename: 'x.jpg' }, { widht: 5 } as never),
      );
      expect(missing.problem.errors).toEqual([{ field: 'widht', message: 'unknown field for process' }]);
    });

    it('413 for a decompression bomb, refused from its header, fast', async () => {
      const started = performance.now();
      const error = await failureOf(api.processImage(pngDeclaring(100_000, 100_000)));
      expect([error.status, error.code]).toEqual([413, 'payload_too_large']);
      expect(error.problem.limit_pixels).toBe(50_000_000);
      expect(performance.now() - started).toBeLessThan(1000);
    });

    it('401 without a key, 403 for a key without the process scope', async () => {
      const anonymous = await failureOf(t.client().processImage(await shot()));
      expect([anonymous.status, anonymous.code]).toEqual([401, 'missing_api_key']);
      const { key } = await t.newKey({ scopes: ['usage:read'] });
      const scoped = await failureOf(t.client({ apiKey: key.key }).processImage(await shot()));
      expect([scoped.status, scoped.code, scoped.problem.required_scope]).toEqual([
        403,
        'insufficient_scope',
        'process',
      ]);
    });
  });

  describe('GET /api/v1/results/:id', () => {
    it('is tenant-isolated: another organization gets 404, like an unknown id', async () => {
      const answer = await api.processImage(await shot(), { width: 50, height: 50 });
      const { key: other } = await t.newKey();
      const stranger = await failureOf(t.client({ apiKey: other.key }).downloadResult(answer.id));
      expect([stranger.status, stranger.code]).toEqual([404, 'not_found']);
      const unknown = await failureOf(api.downloadResult('res_000000000000000000000000'));
      expect(unknown.status).toBe(404);
    });

    it('serves the owner’s dashboard session too, and needs process or tasks:read on a key', async () => {
      const answer = await api.processImage(await shot(), { width: 50, height: 50 });
      expect((await owner.downloadResult(answer.id)).contentType).toBe('image/png');
      const { key: usageOnly } = await t.newKey({ scopes: ['usage:read'] });
      expect((await failureOf(t.client({ apiKey: usageOnly.key }).downloadResult(answer.id))).status).toBe(
        403,
      );
    });

    it('sends the download headers', async () => {
      const answer = await api.processImage(
        { data: await shot(), filename: 'a "quoted" name.png' },
        { width: 64, height: 64, format: 'webp' },
      );
      const response = await fetch(answer.output.url, {
        headers: { 'X-API-Key': (api as unknown as { apiKey: string }).apiKey },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
      expect(response.headers.get('content-length')).toBe(String(answer.output.bytes));
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="a-quoted-name-process.webp"',
      );
      expect(response.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });
});

describe('limits from the configuration', () => {
  let t: TestHub;
  let api: HubClient;
  beforeAll(async () => {
    t = await startTestHub({
      UPLOAD_LIMIT_MB: '0.05',
      RESULTS_RETENTION_HOURS: '2',
      MAX_INPUT_MEGAPIXELS: '0.05',
    });
    api = t.client({ apiKey: (await t.newKey()).key.key });
  });
  afterAll(() => t.close());

  it('413 for an upload over UPLOAD_LIMIT_MB, with no temp file left', async () => {
    const noisy = await productOn(
      '#ffffff',
      { width: 600, height: 600 },
      { left: 10, top: 10, width: 580, height: 580 },
      'png',
    );
    const big = Buffer.concat([noisy, Buffer.alloc(80_000, 7)]);
    const temp = watchTempFiles(t.hub);
    const error = await failureOf(api.processImage(big));
    expect([error.status, error.code]).toEqual([413, 'payload_too_large']);
    expect(temp.leftovers()).toEqual([]);
  });

  it('413 for an image over MAX_INPUT_MEGAPIXELS', async () => {
    const image = await productOn(
      '#ffffff',
      { width: 300, height: 200 },
      { left: 1, top: 1, width: 10, height: 10 },
      'png',
    );
    const error = await failureOf(api.processImage(image));
    expect([error.status, error.problem.limit_pixels]).toEqual([413, 50_000]);
  });

  it('410 result_expired once RESULTS_RETENTION_HOURS have passed', async () => {
    const image = await productOn(
      '#ffffff',
      { width: 100, height: 100 },
      { left: 10, top: 10, width: 50, height: 50 },
    );
    const answer = await api.processImage(image, { width: 40, height: 40 });
    const retention = Date.parse(answer.expires_at) - Date.now();
    expect(retention).toBeGreaterThan(2 * 3600_000 - 60_000);
    expect(retention).toBeLessThanOrEqual(2 * 3600_000);
    expect((await api.downloadResult(answer.id)).data.length).toBe(answer.output.bytes);
    // Two hours later (the row's clock moved back rather than waiting).
    const rows = t.hub.db.getRepository(ResultRow);
    const expiresAt = new Date(Date.now() - 1000);
    await rows.update({ id: answer.id }, { expiresAt });
    const error = await failureOf(api.downloadResult(answer.id));
    expect([error.status, error.code]).toEqual([410, 'result_expired']);
    expect(error.problem.expired_at).toBe(expiresAt.toISOString());
    await t.hub.services.results.purgeExpired();
    expect((await failureOf(api.downloadResult(answer.id))).code).toBe('result_expired');
  });
});
