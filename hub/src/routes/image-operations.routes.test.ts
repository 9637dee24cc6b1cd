import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { marketplaceNames, type HubClient, type MarketplaceName } from '@pixport/shared';
import {
  NON_COMPLIANT_SHOTS,
  boxOf,
  compliantShot,
  describeImage,
  isProductRed,
  pixelAt,
  productOn,
  renderedText,
  testClip,
} from '../processing/test-images.js';
import { failureOf } from '../test-support/failure.js';
import { watchTempFiles } from '../test-support/temp-files.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

jest.setTimeout(60_000);

/** A 100×100 red product on a white 300×200 photo. */
const shot = () =>
  productOn('#ffffff', { width: 300, height: 200 }, { left: 100, top: 50, width: 100, height: 100 });
const solid = (background: string, width = 120, height = 80) =>
  productOn(background, { width, height }, { left: 0, top: 0, width: 1, height: 1 }, 'png');
const bytesOf = async (client: HubClient, url: string) =>
  Buffer.from((await client.downloadResult(url)).data);

describe('the other synchronous image endpoints, through HTTP', () => {
  let t: TestHub;
  let api: HubClient;
  beforeAll(async () => {
    t = await startTestHub();
    api = t.client({ apiKey: (await t.newKey()).key.key });
  });
  afterAll(() => t.close());
  let temp: ReturnType<typeof watchTempFiles>;
  beforeEach(() => {
    temp = watchTempFiles(t.hub);
  });
  afterEach(() => expect(temp.leftovers()).toEqual([]));

  describe('POST /api/v1/remove-background', () => {
    it('makes the background transparent and keeps the product opaque', async () => {
      const answer = await api.removeBackground(await shot());
      expect(answer).toMatchObject({
        operation: 'remove-background',
        credits_charged: 3,
        output: { content_type: 'image/png', width: 300, height: 200 },
      });
      const image = await bytesOf(api, answer.output.url);
      expect((await pixelAt(image, 5, 5))[3]).toBe(0);
      expect((await pixelAt(image, 290, 190))[3]).toBe(0);
      expect((await pixelAt(image, 150, 100))[3]).toBe(255);
      expect(answer.metadata.subject_box).toMatchObject({
        width: expect.any(Number),
        height: expect.any(Number),
      });
    });

    it('crops to the subject, answers the mask, composites on bg_color', async () => {
      const cropped = await api.operationBytes('remove-background', { image: await shot() }, { crop: true });
      const size = await describeImage(Buffer.from(cropped.data));
      expect(Math.abs(size.width! - 100)).toBeLessThanOrEqual(4);
      expect(Math.abs(size.height! - 100)).toBeLessThanOrEqual(4);
      const mask = await api.operationBytes(
        'remove-background',
        { image: await shot() },
        { channels: 'alpha' },
      );
      expect(await describeImage(Buffer.from(mask.data))).toMatchObject({ format: 'png', space: 'b-w' });
      expect((await pixelAt(Buffer.from(mask.data), 150, 100))[0]).toBe(255);
      expect((await pixelAt(Buffer.from(mask.data), 5, 5))[0]).toBe(0);
      const blue = await api.operationBytes(
        'remove-background',
        { image: await shot() },
        { bg_color: '#0000ff', format: 'png' },
      );
      expect(await pixelAt(Buffer.from(blue.data), 5, 5)).toEqual([0, 0, 255, 255]);
    });
  });

  describe('POST /api/v1/upscale', () => {
    it('doubles by default and names the method honestly', async () => {
      const answer = await api.upscale(await shot());
      expect(answer.output).toMatchObject({ width: 600, height: 400, content_type: 'image/jpeg' });
      expect(answer.metadata.method).toMatch(/lanczos3.*not AI/);
      expect(answer.credits_charged).toBe(2);
    });

    it('422 for a scale other than 2 or 4, and for an output over the pixel limit', async () => {
      const scale = await failureOf(api.upscale(await shot(), { scale: 3 }));
      expect(scale.problem.errors).toEqual([{ field: 'scale', message: 'must be 2 or 4' }]);
      const huge = await failureOf(api.upscale(await shot(), { width: 20000 }));
      expect([huge.status, huge.problem.errors?.[0]?.field]).toEqual([422, 'width']);
    });
  });

  describe('POST /api/v1/backgrounds/generate', () => {
    it('composites the subject on a solid colour inside the frame', async () => {
      const image = Buffer.from(
        (
          await api.operationBytes(
            'backgrounds-generate',
            { image: await shot() },
            { kind: 'solid', color: '#20c040', width: 400, height: 400, margin: 0.1, format: 'png' },
          )
        ).data,
      );
      expect(await describeImage(image)).toMatchObject({ width: 400, height: 400 });
      expect(await pixelAt(image, 2, 2)).toEqual([32, 192, 64, 255]);
      const box = (await boxOf(image, isProductRed))!;
      expect(Math.abs(Math.max(box.width, box.height) / 400 - 0.8)).toBeLessThan(0.03);
    });

    it('takes an uploaded background file (kind=image implied) and refuses kind=image without one', async () => {
      const answer = await api.generateBackground(
        await shot(),
        { width: 200, height: 200, format: 'png' },
        await solid('#0000ff'),
      );
      expect(await pixelAt(await bytesOf(api, answer.output.url), 2, 2)).toEqual([0, 0, 255, 255]);
      expect(answer.metadata.background).toBe('image');
      const missing = await failureOf(api.generateBackground(await shot(), { kind: 'image' }));
      expect(missing.problem.errors).toEqual([
        { field: 'background', message: 'kind=image needs a background file' },
      ]);
    });
  });

  describe('POST /api/v1/relight/shadow', () => {
    it('draws a contact shadow under the subject and leaves the far background clear', async () => {
      const image = Buffer.from(
        (
          await api.operationBytes(
            'relight-shadow',
            { image: await shot() },
            { shadow: 'contact', background: '#ffffff', format: 'png' },
          )
        ).data,
      );
      expect((await pixelAt(image, 150, 151))[0]).toBeLessThan(235);
      expect(await pixelAt(image, 5, 5)).toEqual([255, 255, 255, 255]);
    });

    it('a preset fills the background and format', async () => {
      const answer = await api.relightShadow(await shot(), { preset: 'amazon', shadow: 'drop' });
      expect(answer.output.content_type).toBe('image/jpeg');
      expect((await pixelAt(await bytesOf(api, answer.output.url), 3, 3)).slice(0, 3)).toEqual([
        255, 255, 255,
      ]);
    });
  });

  describe('POST /api/v1/ocr', () => {
    it('answers the text, confidence and word boxes as JSON', async () => {
      const answer = await api.ocr(await renderedText('PIXPORT 2026 SALE'));
      expect(answer).toMatchObject({ operation: 'ocr', width: 600, height: 120, credits_charged: 2 });
      expect(answer.text).toContain('PIXPORT 2026 SALE');
      expect(answer.words.map((word) => word.text)).toEqual(['PIXPORT', '2026', 'SALE']);
      expect(answer.words[0]!.bbox.x0).toBeGreaterThanOrEqual(10);
      expect(answer.words[0]!.bbox.x0).toBeLessThan(40);
      expect(answer.confidence).toBeGreaterThan(70);
    });
  });

  describe('POST /api/v1/gif', () => {
    it('joins frames into an animated GIF with per-frame delays and loop', async () => {
      const frames = await Promise.all(['#ff0000', '#00ff00', '#0000ff'].map((colour) => solid(colour)));
      const answer = await api.makeGif(frames, { delay: '100,200,300', loop: 2, width: 60 });
      expect(answer.output).toMatchObject({ content_type: 'image/gif', width: 60, height: 40 });
      const gif = await describeImage(await bytesOf(api, answer.output.url));
      expect(gif).toMatchObject({ format: 'gif', pages: 3, delay: [100, 200, 300], loop: 2 });
    });

    it('422 for a single frame, 415 for a frame that is not an image', async () => {
      const one = await failureOf(api.makeGif([await solid('#ff0000')]));
      expect(one.problem.errors).toEqual([{ field: 'frames', message: 'send 2 to 100 files (got 1)' }]);
      const bad = await failureOf(
        api.makeGif([await solid('#ff0000'), new Uint8Array(Buffer.from('plain text, not an image'))]),
      );
      expect([bad.status, bad.problem.detail]).toEqual([415, expect.stringMatching(/^frames\[1\] is not/)]);
    });
  });

  describe('POST /api/v1/gif-from-video', () => {
    it('converts a clip with the requested fps and width', async () => {
      const answer = await api.gifFromVideo(await testClip(), {
        start: 0.5,
        duration: 1,
        fps: 10,
        width: 160,
      });
      expect(answer).toMatchObject({
        operation: 'gif-from-video',
        credits_charged: 5,
        output: { content_type: 'image/gif', width: 160 },
      });
      const gif = await describeImage(await bytesOf(api, answer.output.url));
      expect(gif.pages).toBeGreaterThanOrEqual(9);
      expect(gif.pages).toBeLessThanOrEqual(11);
    });

    it('415 for an image in the video field, 422 for a clip over 15 s', async () => {
      const image = await failureOf(api.gifFromVideo(await shot()));
      expect([image.status, image.problem.detail]).toEqual([415, expect.stringMatching(/^video is not/)]);
      const long = await failureOf(api.gifFromVideo(await testClip(1), { duration: 20 }));
      expect(long.problem.errors).toEqual([
        { field: 'duration', message: 'must be a number between 0.1 and 15' },
      ]);
    });
  });

  describe('POST /api/v1/compliance', () => {
    it('passes a compliant image for every marketplace, rule by rule', async () => {
      const answer = await api.checkCompliance(await compliantShot(), { marketplace: [...marketplaceNames] });
      expect(answer).toMatchObject({
        operation: 'compliance',
        passed: true,
        fixed: null,
        credits_charged: 1,
      });
      expect(answer.marketplaces.map((verdict) => [verdict.marketplace, verdict.passed])).toEqual(
        marketplaceNames.map((name) => [name, true]),
      );
      const fill = answer.marketplaces[0]!.rules.find((rule) => rule.rule === 'product_fill')!;
      expect(fill).toMatchObject({
        passed: true,
        expected: '>= 0.85 of the frame',
        message: expect.any(String),
      });
      expect(fill.actual as number).toBeCloseTo(0.9, 2);
    });

    it.each(Object.entries(NON_COMPLIANT_SHOTS).filter(([, make]) => make !== null))(
      'fails a non-compliant image for %s and names the fix',
      async (name, make) => {
        const answer = await api.checkCompliance(await make!(), { preset: name as MarketplaceName });
        expect(answer.passed).toBe(false);
        const verdict = answer.marketplaces[0]!;
        expect(verdict.marketplace).toBe(name);
        expect(verdict.rules.some((rule) => !rule.passed && rule.severity === 'error')).toBe(true);
        expect(verdict.fix).toMatchObject({ preset: name });
      },
    );

    it('auto_fix keeps the fixed image as a result, which passes its own check', async () => {
      const answer = await api.checkCompliance(await NON_COMPLIANT_SHOTS.amazon(), {
        marketplace: 'amazon',
        auto_fix: true,
      });
      expect(answer.passed).toBe(false);
      expect(answer.fixed).toMatchObject({
        id: expect.stringMatching(/^res_/),
        passed: true,
        output: { content_type: 'image/jpeg', width: 2000, height: 2000 },
        applied_fix: { preset: 'amazon' },
      });
      const again = await api.checkCompliance(await bytesOf(api, answer.fixed!.output.url), {
        marketplace: 'amazon',
      });
      expect(again.passed).toBe(true);
    });

    it('422 for an unknown marketplace or auto_fix over several', async () => {
      const unknown = await failureOf(
        api.checkCompliance(await shot(), { marketplace: 'aliexpress' as never }),
      );
      expect(unknown.problem.errors?.[0]).toMatchObject({ field: 'marketplace.0' });
      const several = await failureOf(
        api.checkCompliance(await shot(), { marketplace: ['amazon', 'ebay'], auto_fix: true }),
      );
      expect(several.status).toBe(422);
    });
  });
});

describe('the synchronous video size cap', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ SYNC_VIDEO_LIMIT_MB: '0.01' });
  });
  afterAll(() => t.close());

  it('413 for a video over SYNC_VIDEO_LIMIT_MB, pointing to the async API', async () => {
    const api = t.client({ apiKey: (await t.newKey()).key.key });
    const clip = await testClip(2);
    expect(clip.length).toBeGreaterThan(10_486);
    const temp = watchTempFiles(t.hub);
    const error = await failureOf(api.gifFromVideo(clip));
    expect([error.status, error.code]).toEqual([413, 'payload_too_large']);
    expect(error.problem).toMatchObject({ limit_bytes: 10_486, async_endpoint: '/api/v1/jobs' });
    expect(temp.leftovers()).toEqual([]);
  });
});
