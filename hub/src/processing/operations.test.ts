import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import sharp from 'sharp';
import { runOperation } from './engine.js';
import { closeOcrPool } from './ocr-pool.js';
import { pixelAt, productOn, renderedText, testClip } from './test-images.js';

jest.setTimeout(60_000);
afterAll(() => closeOcrPool());

const product = () => productOn('#ffffff', { width: 300, height: 200 }, { left: 100, top: 50, width: 100, height: 100 });

describe('upscale', () => {
  it('doubles by default and names the method honestly', async () => {
    const result = await runOperation('upscale', await product(), {});
    expect([result.width, result.height]).toEqual([600, 400]);
    expect(result.metadata.method).toMatch(/lanczos3.*not AI/);
  });

  it('scales to a target width and refuses outputs over the pixel limit', async () => {
    const result = await runOperation('upscale', await product(), { width: 900 });
    expect([result.width, result.height]).toEqual([900, 600]);
    await expect(runOperation('upscale', await product(), { scale: 4 }, { limits: { maxOutputPixels: 500_000 } })).rejects.toMatchObject({
      status: 422,
    });
    await expect(runOperation('upscale', await product(), { scale: 3 })).rejects.toMatchObject({
      options: { errors: [{ field: 'scale', message: 'must be 2 or 4' }] },
    });
  });
});

describe('backgrounds-generate', () => {
  it('composites the cut-out subject on a solid colour with the frame controls', async () => {
    const result = await runOperation('backgrounds/generate', await product(), { kind: 'solid', color: '#20c040', width: 400, height: 400, margin: 0.1, format: 'png' });
    expect([result.width, result.height]).toEqual([400, 400]);
    expect(await pixelAt(result.output!, 1, 1)).toEqual([32, 192, 64, 255]);
    const centre = await pixelAt(result.output!, 200, 200);
    expect(centre[0]).toBeGreaterThan(150);
    expect(centre[1]).toBeLessThan(80);
  });

  it('draws a linear gradient from color to color_to, and takes an uploaded background', async () => {
    const gradient = await runOperation('backgrounds-generate', await product(), { kind: 'linear', color: '#000000', color_to: '#ffffff', width: 200, height: 200, format: 'png' });
    expect((await pixelAt(gradient.output!, 100, 1))[0]).toBeLessThan(30);
    expect((await pixelAt(gradient.output!, 100, 198))[0]).toBeGreaterThan(225);
    const backdrop = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#0000ff' } }).png().toBuffer();
    const uploaded = await runOperation('backgrounds-generate', [await product(), backdrop], { kind: 'image', width: 200, height: 200, format: 'png' });
    expect(await pixelAt(uploaded.output!, 2, 2)).toEqual([0, 0, 255, 255]);
    await expect(runOperation('backgrounds-generate', await product(), { kind: 'image' })).rejects.toMatchObject({ status: 422 });
  });
});

describe('relight-shadow', () => {
  it('draws a contact shadow under the subject and leaves the far background clear', async () => {
    const result = await runOperation('relight/shadow', await product(), { shadow: 'contact', background: '#ffffff', format: 'png' });
    const underBase = await pixelAt(result.output!, 150, 151);
    expect(underBase[0]).toBeLessThan(235);
    expect(await pixelAt(result.output!, 5, 5)).toEqual([255, 255, 255, 255]);
  });

  it('drop shadow is offset and relight stretches the subject only', async () => {
    const dim = await productOn('#ffffff', { width: 300, height: 200 }, { left: 100, top: 50, width: 100, height: 100 });
    const dark = await sharp(dim).linear(0.6, 0).jpeg().toBuffer();
    const result = await runOperation('relight-shadow', dark, { shadow: 'drop', shadow_offset_x: 20, shadow_offset_y: 20, shadow_blur: 1, relight: true, format: 'png' });
    expect((await pixelAt(result.output!, 215, 160))[3]).toBeGreaterThan(60);
    expect((await pixelAt(result.output!, 20, 20))[3]).toBe(0);
    expect((result.metadata.relight as { white: number }).white).toBeLessThan(200);
  });
});

describe('gif', () => {
  it('joins frames into an animated GIF with per-frame delays and loop', async () => {
    const colours = ['#ff0000', '#00ff00', '#0000ff'];
    const frames = await Promise.all(colours.map((background) => sharp({ create: { width: 120, height: 80, channels: 3, background } }).png().toBuffer()));
    const result = await runOperation('gif-maker', frames, { delay: '100,200,300', loop: 2, width: 60, colors: 16 });
    const meta = await sharp(result.output!, { animated: true }).metadata();
    expect(meta.pages).toBe(3);
    expect(meta.delay).toEqual([100, 200, 300]);
    expect(meta.loop).toBe(2);
    expect([result.width, result.height]).toEqual([60, 40]);
    const scalar = await runOperation('gif', frames.slice(0, 2), { delay: 250 });
    expect((await sharp(scalar.output!, { animated: true }).metadata()).delay).toEqual([250, 250]);
  });

  it('refuses one frame, too many delays, and a non-image frame', async () => {
    const frame = await product();
    await expect(runOperation('gif', [frame], {})).rejects.toMatchObject({ status: 422 });
    await expect(runOperation('gif', [frame, frame], { delay: [100, 100, 100] })).rejects.toMatchObject({ status: 422 });
    await expect(runOperation('gif', [frame, Buffer.from('not an image, not at all')], {})).rejects.toMatchObject({ status: 415 });
  });
});

describe('gif-from-video', () => {
  const tempEntries = async () => (await readdir(os.tmpdir())).filter((name) => name.startsWith('pixport-gif-'));

  it('converts a clip with the requested fps and width and leaves no temp files', async () => {
    const before = await tempEntries();
    const video = await testClip();
    const result = await runOperation('gif-from-video', video, { start: 0.5, duration: 1, fps: 10, width: 160, colors: 64 });
    const meta = await sharp(result.output!, { animated: true }).metadata();
    expect(meta.format).toBe('gif');
    expect(meta.width).toBe(160);
    expect(meta.pages).toBeGreaterThanOrEqual(9);
    expect(meta.pages).toBeLessThanOrEqual(11);
    await expect(runOperation('gif-from-video', video, { duration: 20 })).rejects.toMatchObject({ status: 422 });
    await expect(runOperation('gif-from-video', video, { start: 5 })).rejects.toMatchObject({ options: { errors: [{ field: 'start' }] } });
    const broken = Buffer.concat([video.subarray(0, 40), Buffer.alloc(100)]);
    await expect(runOperation('gif-from-video', broken, {})).rejects.toMatchObject({ status: 400 });
    await expect(runOperation('gif-from-video', await product(), {})).rejects.toMatchObject({ status: 415 });
    expect(await tempEntries()).toEqual(before);
  });
});

describe('ocr', () => {
  it('reads a rendered string with confidence and word boxes', async () => {
    const image = await renderedText('PIXPORT 2025 SALE');
    const result = await runOperation('ocr', image, {});
    expect(result.output).toBeNull();
    expect(String(result.metadata.text)).toContain('PIXPORT 2025 SALE');
    const words = result.metadata.words as { text: string; confidence: number; bbox: { x0: number; x1: number } }[];
    expect(words.map((word) => word.text)).toEqual(['PIXPORT', '2025', 'SALE']);
    expect(words[0]!.bbox.x0).toBeGreaterThanOrEqual(10);
    expect(words[0]!.bbox.x0).toBeLessThan(40);
    expect(Number(result.metadata.confidence)).toBeGreaterThan(70);
  });
});
