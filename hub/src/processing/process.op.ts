import { processParamsSchema, resolveProcessParams, type ResolvedProcessParams } from '@pixport/shared';
import { isOpaque, parseColor } from './color.js';
import { applyFrame } from './frame.js';
import { loadImage } from './input.js';
import type { ProcessingLimits } from './limits.js';
import { defineOperation, type OperationResult } from './operation.js';
import { encodeImage } from './output.js';
import { fromRaw } from './raw.js';
import { singleInput } from './inputs.js';
import { trimUniformBorder } from './trim.js';

/** Runs a fully resolved `process`; also used by compliance's auto_fix. */
export async function runProcess(
  input: Buffer,
  params: ResolvedProcessParams,
  limits: ProcessingLimits,
): Promise<OperationResult> {
  const image = await loadImage(input, limits);
  const background = parseColor(params.background);
  let pipeline = image.pipeline();
  let source = { width: image.width, height: image.height };
  let trimmedBox = null;
  if (params.trim) {
    const trimmed = await trimUniformBorder(pipeline, params.trimTolerance);
    pipeline = fromRaw(trimmed.image);
    source = { width: trimmed.image.width, height: trimmed.image.height };
    trimmedBox = trimmed.box;
  }
  if (isOpaque(background)) pipeline = pipeline.flatten({ background });
  const framed = applyFrame(
    pipeline,
    source,
    { width: params.width, height: params.height, margins: params.margins, fit: params.fit, position: params.position, background },
    limits,
  );
  const hasAlpha = !isOpaque(background) && (image.hasAlpha || framed.layout.content.width < framed.layout.width || framed.layout.content.height < framed.layout.height);
  return encodeImage(
    framed.pipeline,
    { format: params.format, jpegQuality: params.jpegQuality, keepMetadata: params.keepMetadata, hasAlpha },
    {
      fit: params.fit,
      margins: params.margins,
      background: params.background,
      content_box: framed.layout.content,
      trimmed_box: trimmedBox,
      preset: params.preset ?? null,
      preset_label: params.presetLabel ?? null,
    },
  );
}

export const processOperation = defineOperation({
  name: 'process',
  params: processParamsSchema,
  run: (input, params, ctx) => runProcess(singleInput(input), resolveProcessParams(params), ctx.limits),
});
