import { backgroundsGenerateParamsSchema, resolveMargins } from '@pixport/shared';
import { AppError } from '../errors.js';
import { renderBackdrop } from './backdrop.js';
import { TRANSPARENT } from './color.js';
import { cutOutSubject } from './cutout.js';
import { applyFrame } from './frame.js';
import { loadImage } from './input.js';
import { inputList } from './inputs.js';
import { maskBounds, alphaOf } from './mask.js';
import { defineOperation } from './operation.js';
import { encodeImage } from './output.js';
import { fromRaw, toRaw } from './raw.js';
import { composeScene } from './scene.js';
import { shadowSpecFrom } from './shadow.js';

const DEFAULT_MARGIN = 0.08;

export const backgroundsGenerateOperation = defineOperation({
  name: 'backgrounds-generate',
  params: backgroundsGenerateParamsSchema,
  async run(input, params, ctx) {
    const [subjectFile, backgroundFile] = inputList(input);
    const image = await loadImage(subjectFile!, ctx.limits);
    const cutout = await cutOutSubject(image);
    if (!cutout.bounds) throw new AppError('invalid_image', 'No subject found in the image.');
    const crop = fromRaw(cutout.image).extract(cutout.bounds);
    const framed = applyFrame(
      crop,
      cutout.bounds,
      {
        width: params.width,
        height: params.height,
        margins: resolveMargins(params, DEFAULT_MARGIN),
        fit: params.fit ?? 'contain',
        position: params.position ?? 'center',
        background: TRANSPARENT,
      },
      ctx.limits,
    );
    const subject = await toRaw(framed.pipeline, { alpha: true });
    const kind = params.kind ?? 'studio';
    const backdrop = await renderBackdrop(
      {
        kind,
        color: params.color ?? '#ffffff',
        colorTo: params.color_to ?? (kind === 'solid' ? (params.color ?? '#ffffff') : '#d9dce1'),
        angle: params.angle ?? 0,
        image: backgroundFile,
      },
      subject.width,
      subject.height,
      ctx.limits,
    );
    const bounds = maskBounds(alphaOf(subject));
    const shadow = shadowSpecFrom(params, 'none', Math.max(subject.width, subject.height));
    const scene = await composeScene(subject, bounds, backdrop, shadow);
    return encodeImage(
      scene.flatten({ background: '#ffffff' }),
      { format: params.format, jpegQuality: params.jpegQuality, keepMetadata: params.keep_metadata, hasAlpha: false },
      { background: kind, cutout: cutout.details.method, subject_box: bounds, shadow: shadow.type },
    );
  },
});
