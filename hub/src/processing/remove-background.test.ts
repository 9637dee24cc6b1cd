import { describe, expect, it, jest } from '@jest/globals';
import sharp from 'sharp';
import { runOperation } from './engine.js';
import { generateProductShot, maskIoU } from './synthetic/index.js';
import { pixelAt } from './test-images.js';

async function alphaOf(png: Buffer): Promise<Uint8Array> {
  const { data } = await sharp(png).ensureAlpha().extractChannel(3).raw().toBuffer({ resolveWithObject: true });
  return new Uint8Array(data);
}

jest.setTimeout(60_000);

describe('remove-background (rm-bg)', () => {
  it('cuts a studio product shot out with IoU >= 0.95 against the ground truth', async () => {
    for (const seed of [7, 13]) {
      const shot = await generateProductShot(seed, { size: 640, backdrop: seed === 7 ? 'white' : 'near-white' });
      const result = await runOperation('rm-bg', shot.image, {});
      expect(result.contentType).toBe('image/png');
      expect(maskIoU(await alphaOf(result.output!), shot.mask)).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('is opaque inside the subject and transparent outside, including a hole', async () => {
    const shot = await generateProductShot(2, { size: 400, backdrop: 'coloured', shadow: false });
    const alpha = await alphaOf((await runOperation('remove-background', shot.image, {})).output!);
    expect(maskIoU(alpha, shot.mask)).toBeGreaterThan(0.9);
    const eroded = (index: number) => shot.mask[index] === 1 && shot.mask[index - 3] === 1 && shot.mask[index + 3] === 1;
    let inside = 0;
    let insideOpaque = 0;
    let outside = 0;
    let outsideClear = 0;
    for (let index = 3; index < shot.mask.length - 3; index += 7) {
      if (eroded(index)) {
        inside++;
        if (alpha[index]! === 255) insideOpaque++;
      } else if (shot.mask[index] === 0 && shot.mask[index - 3] === 0 && shot.mask[index + 3] === 0) {
        outside++;
        if (alpha[index]! === 0) outsideClear++;
      }
    }
    expect(insideOpaque / inside).toBeGreaterThan(0.97);
    expect(outsideClear / outside).toBeGreaterThan(0.97);
  });

  it('crops to the subject with a margin, returns the mask, composites on bg_color', async () => {
    const shot = await generateProductShot(9, { size: 300, backdrop: 'white' });
    const cropped = await runOperation('remove-background', shot.image, { crop: true, crop_margin: 0 });
    const subject = cropped.metadata.subject_box as { width: number; height: number };
    expect([cropped.width, cropped.height]).toEqual([subject.width, subject.height]);
    const mask = await runOperation('remove-background', shot.image, { channels: 'alpha' });
    expect((await sharp(mask.output!).metadata()).channels).toBeLessThanOrEqual(2);
    const onBlue = await runOperation('remove-background', shot.image, { bg_color: '#0000ff', format: 'png' });
    expect(await pixelAt(onBlue.output!, 2, 2)).toEqual([0, 0, 255, 255]);
  });

  it('refuses an unknown engine and a tolerance out of range', async () => {
    const shot = await generateProductShot(1, { size: 200 });
    await expect(runOperation('rm-bg', shot.image, { engine: 'magic' })).rejects.toMatchObject({ status: 422 });
    await expect(runOperation('rm-bg', shot.image, { tolerance: 500 })).rejects.toMatchObject({
      options: { errors: [{ field: 'tolerance', message: 'must be a number between 1 and 100' }] },
    });
  });
});
