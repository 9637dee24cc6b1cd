import { removeBackgroundParamsSchema } from '@pixport/shared';
import { isOpaque, parseColor } from './color.js';
import { cutOutSubject } from './cutout.js';
import { loadImage } from './input.js';
import { singleInput } from './inputs.js';
import { defineOperation } from './operation.js';
import { encodeImage } from './output.js';
import { fromRaw } from './raw.js';

export const removeBackgroundOperation = defineOperation({
  name: 'remove-background',
  params: removeBackgroundParamsSchema,
  async run(input, params, ctx) {
    const image = await loadImage(singleInput(input), ctx.limits);
    const cutout = await cutOutSubject(image, { engine: params.engine, tolerance: params.tolerance });
    const bounds = cutout.bounds ?? { left: 0, top: 0, width: image.width, height: image.height };
    let pipeline =
      params.channels === 'alpha'
        ? fromRaw({ data: Buffer.from(cutout.mask.alpha), width: cutout.mask.width, height: cutout.mask.height, channels: 1 })
        : fromRaw(cutout.image);
    let cropBox = null;
    if (params.crop && cutout.bounds) {
      const pad = Math.round(Math.max(bounds.width, bounds.height) * (params.crop_margin ?? 0));
      cropBox = {
        left: Math.max(0, bounds.left - pad),
        top: Math.max(0, bounds.top - pad),
        width: Math.min(image.width, bounds.left + bounds.width + pad) - Math.max(0, bounds.left - pad),
        height: Math.min(image.height, bounds.top + bounds.height + pad) - Math.max(0, bounds.top - pad),
      };
      // Materialise the crop so the following flatten/encode sees the cropped pixels only.
      pipeline = pipeline.extract(cropBox);
    }
    const background = params.bg_color ? parseColor(params.bg_color) : undefined;
    const composite = params.channels !== 'alpha' && background !== undefined && isOpaque(background);
    if (composite) pipeline = pipeline.flatten({ background });
    return encodeImage(
      pipeline,
      {
        format: params.format ?? (params.channels === 'alpha' ? 'png' : undefined),
        jpegQuality: params.jpegQuality,
        keepMetadata: params.keep_metadata,
        hasAlpha: params.channels !== 'alpha' && !composite,
        greyscale: params.channels === 'alpha',
      },
      { ...cutout.details, subject_box: cutout.bounds, crop_box: cropBox, channels: params.channels ?? 'rgba' },
    );
  },
});
