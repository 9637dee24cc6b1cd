import sharp from 'sharp';
import { gifParamsSchema } from '@pixport/shared';
import { AppError } from '../errors.js';
import { assertOutputPixels, guardDecode, loadImage } from './input.js';
import { inputList } from './inputs.js';
import { defineOperation } from './operation.js';

const DEFAULT_DELAY_MS = 500;

export const gifOperation = defineOperation({
  name: 'gif',
  params: gifParamsSchema,
  async run(input, params, ctx) {
    const files = inputList(input);
    const maxFrames = Math.min(100, ctx.limits.maxFrames);
    if (files.length < 2 || files.length > maxFrames) {
      throw new AppError('invalid_parameter', `frames: give 2 to ${maxFrames} images, got ${files.length}.`, {
        errors: [{ field: 'frames', message: `must be between 2 and ${maxFrames} images` }],
      });
    }
    const delays = Array.isArray(params.delay) ? params.delay : Array(files.length).fill(params.delay ?? DEFAULT_DELAY_MS);
    if (delays.length !== files.length) {
      throw new AppError('invalid_parameter', `delay: ${delays.length} values for ${files.length} frames.`, {
        errors: [{ field: 'delay', message: `give one value or exactly ${files.length} (one per frame)` }],
      });
    }
    const images = await Promise.all(files.map((file, index) => loadImage(file, ctx.limits, `frames[${index}]`)));
    const first = images[0]!;
    const width = params.width ?? Math.min(first.width, 1000);
    const height = Math.max(1, Math.round((width * first.height) / first.width));
    assertOutputPixels(width * images.length, height, ctx.limits, 'width');
    // Every frame is fitted into the first frame's aspect ratio so the animation does not jump.
    const frames = await Promise.all(
      images.map((image, index) =>
        guardDecode(
          () => image.pipeline().resize(width, height, { fit: 'contain', background: '#ffffff' }).flatten({ background: '#ffffff' }).png().toBuffer(),
          `frames[${index}]`,
        ),
      ),
    );
    const output = await guardDecode(() =>
      sharp(frames as Buffer[], { join: { animated: true } })
        .gif({ delay: delays, loop: params.loop ?? 0, colours: params.colors ?? 256, dither: params.dither ?? 1 })
        .toBuffer(),
    );
    return {
      output,
      contentType: 'image/gif',
      width,
      height,
      metadata: { format: 'gif', bytes: output.length, frames: frames.length, delay_ms: delays, loop: params.loop ?? 0 },
    };
  },
});
