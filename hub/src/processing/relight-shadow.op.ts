import { relightShadowParamsSchema } from '@pixport/shared';
import { isOpaque, parseColor } from './color.js';
import { cutOutSubject } from './cutout.js';
import { loadImage } from './input.js';
import { singleInput } from './inputs.js';
import { defineOperation } from './operation.js';
import { encodeImage } from './output.js';
import { relightSubject } from './relight.js';
import { composeScene } from './scene.js';
import { shadowSpecFrom } from './shadow.js';

export const relightShadowOperation = defineOperation({
  name: 'relight-shadow',
  params: relightShadowParamsSchema,
  async run(input, params, ctx) {
    const image = await loadImage(singleInput(input), ctx.limits);
    const cutout = await cutOutSubject(image);
    const relight = params.relight ? relightSubject(cutout.image) : null;
    const shadow = shadowSpecFrom(params, params.relight ? 'none' : 'contact', Math.max(image.width, image.height));
    const background = parseColor(params.background ?? 'transparent');
    const scene = await composeScene(cutout.image, cutout.bounds, background, shadow);
    return encodeImage(
      scene,
      { format: params.format, jpegQuality: params.jpegQuality, keepMetadata: params.keep_metadata, hasAlpha: !isOpaque(background) },
      { cutout: cutout.details.method, subject_box: cutout.bounds, shadow, relight },
    );
  },
});
