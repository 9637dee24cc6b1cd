import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { resolveProcessParams, processParamsSchema } from '@pixport/shared';
import type { AppError } from '../errors.js';
import { runOperation } from './engine.js';
import { pixelAt, productOn } from './test-images.js';

const product = () => productOn('#ffffff', { width: 800, height: 600 }, { left: 200, top: 150, width: 400, height: 300 });

describe('process', () => {
  it('fits into width x height with the margin, white border, product box where the margin says', async () => {
    const result = await runOperation('process', await product(), { width: 1000, height: 1000, margin: 0.1, background: '#ffffff', trim: true });
    expect([result.width, result.height]).toEqual([1000, 1000]);
    expect(result.contentType).toBe('image/jpeg');
    expect(await pixelAt(result.output!, 0, 0)).toEqual([255, 255, 255, 255]);
    expect(await pixelAt(result.output!, 999, 500)).toEqual([255, 255, 255, 255]);
    // Trimmed 400x300 product scaled into the 800x800 inner box: 800 wide, 600 tall, centred.
    const box = result.metadata.content_box as { left: number; top: number; width: number; height: number };
    expect(box.width).toBe(800);
    expect(box.left).toBe(100);
    expect(Math.abs(box.height - 600)).toBeLessThanOrEqual(3); // JPEG ringing can add a row to the trim
    expect(Math.abs(box.top - 200)).toBeLessThanOrEqual(2);
    const centre = await pixelAt(result.output!, 500, 500);
    expect(centre[0]).toBeGreaterThan(170);
    expect(centre[1]).toBeLessThan(60);
  });

  it('keeps alpha as PNG by default on a transparent background', async () => {
    const result = await runOperation('process', await product(), { width: 300, height: 200, margin: 0.2 });
    expect(result.contentType).toBe('image/png');
    expect((await pixelAt(result.output!, 0, 0))[3]).toBe(0);
  });

  it('honours per-side margins and position', async () => {
    const result = await runOperation('process', await product(), {
      width: 1000,
      height: 500,
      margin: 0.1,
      margin_left: 0.3,
      position: 'left',
      background: '#000000',
      format: 'png',
    });
    const box = result.metadata.content_box as { left: number; width: number };
    expect(box.left).toBe(300);
    expect(box.width).toBe(533);
  });

  it('cover fills the inner box; inside never enlarges', async () => {
    const cover = await runOperation('process', await product(), { width: 500, height: 500, fit: 'cover' });
    expect(cover.metadata.content_box).toEqual({ left: 0, top: 0, width: 500, height: 500 });
    const inside = await runOperation('process', await product(), { width: 2000, height: 2000, fit: 'inside', background: '#fff' });
    expect(inside.metadata.content_box).toMatchObject({ width: 800, height: 600 });
  });

  it('fills defaults from a marketplace preset, explicit fields override', async () => {
    const resolved = resolveProcessParams(processParamsSchema.parse({ preset: 'amazon', width: 1200, jpegQuality: '80' }));
    expect(resolved).toMatchObject({ width: 1200, height: 2000, background: '#ffffff', format: 'jpeg', jpegQuality: 80, presetLabel: 'amazon' });
    expect(resolved.margins).toEqual({ top: 0.05, right: 0.05, bottom: 0.05, left: 0.05 });
    const result = await runOperation('process', await product(), { preset: 'shopify', height: 1000 });
    expect([result.width, result.height]).toEqual([2048, 1000]);
    expect(result.contentType).toBe('image/jpeg');
  });

  it('strips metadata unless keep_metadata, and writes sRGB', async () => {
    const input = await sharp(await product()).withExif({ IFD0: { Copyright: 'Pixport test' } }).jpeg().toBuffer();
    const stripped = await sharp((await runOperation('process', input, { width: 100 })).output!).metadata();
    const kept = await sharp((await runOperation('process', input, { width: 100, keep_metadata: true })).output!).metadata();
    expect(stripped.exif).toBeUndefined();
    expect(kept.exif).toBeDefined();
    expect(stripped.space).toBe('srgb');
  });

  it.each([
    [{ width: 0 }, 'width', 'between 1 and 10000'],
    [{ height: 10001 }, 'height', 'between 1 and 10000'],
    [{ margin: 0.5 }, 'margin', 'between 0 and 0.49'],
    [{ margin_top: -0.1 }, 'margin_top', 'between 0 and 0.49'],
    [{ jpegQuality: 101 }, 'jpegQuality', 'between 1 and 100'],
    [{ background: 'red' }, 'background', 'hex colour'],
    [{ fit: 'stretch' }, 'fit', 'contain, cover, inside'],
    [{ format: 'bmp' }, 'format', 'jpeg, png, webp, avif'],
    [{ preset: 'aliexpress' }, 'preset', 'amazon'],
  ])('refuses %j with 422 naming the field and range', async (params, field, range) => {
    const error = (await runOperation('process', await product(), params).catch((e: unknown) => e)) as AppError;
    expect(error.status).toBe(422);
    expect(error.options.errors?.[0]?.field).toBe(field);
    expect(error.options.errors?.[0]?.message).toContain(range);
  });

  it('refuses an output over the pixel limit', async () => {
    const error = (await runOperation('process', await product(), { width: 5000, height: 5000 }, { limits: { maxOutputPixels: 1e6 } }).catch(
      (e: unknown) => e,
    )) as AppError;
    expect(error.status).toBe(422);
  });
});
