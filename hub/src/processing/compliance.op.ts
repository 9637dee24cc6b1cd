import { complianceParamsSchema, processParamsSchema, resolveProcessParams, type ComplianceReport, type MarketplaceName } from '@pixport/shared';
import { AppError } from '../errors.js';
import { measureImage, type ImageMeasurements } from './compliance/measure.js';
import { evaluateMarketplace, fixFor } from './compliance/rules.js';
import { loadImage } from './input.js';
import { singleInput } from './inputs.js';
import type { ProcessingLimits } from './limits.js';
import { defineOperation } from './operation.js';
import { runProcess } from './process.op.js';

function report(measurements: ImageMeasurements, marketplaces: MarketplaceName[]): ComplianceReport {
  const verdicts = marketplaces.map((name) => evaluateMarketplace(measurements, name));
  return {
    passed: verdicts.every((verdict) => verdict.passed),
    marketplaces: verdicts,
    measurements: {
      width: measurements.width,
      height: measurements.height,
      bytes: measurements.bytes,
      format: measurements.format,
      colour_space: measurements.colourSpace,
      transparent: measurements.transparent,
      border_max_deviation: measurements.borderMaxDeviation,
      fill_ratio: measurements.fillRatio,
    },
  };
}

/** Checks a file against marketplaces, measuring it once. */
export async function checkCompliance(file: Buffer, marketplaces: MarketplaceName[], limits: ProcessingLimits): Promise<ComplianceReport> {
  const image = await loadImage(file, limits);
  return report(await measureImage(image), marketplaces);
}

export const complianceOperation = defineOperation({
  name: 'compliance',
  params: complianceParamsSchema,
  async run(input, params, ctx) {
    const file = singleInput(input);
    const image = await loadImage(file, ctx.limits);
    const before = report(await measureImage(image), params.marketplace);
    if (!params.auto_fix) {
      return { output: null, contentType: null, width: image.width, height: image.height, metadata: { ...before } };
    }
    if (params.marketplace.length !== 1) {
      throw new AppError('invalid_parameter', 'auto_fix: name exactly one marketplace to fix for.', {
        errors: [{ field: 'marketplace', message: 'auto_fix needs exactly one marketplace' }],
      });
    }
    const target = params.marketplace[0]!;
    const fix = fixFor(target);
    const fixed = await runProcess(file, resolveProcessParams(processParamsSchema.parse(fix)), ctx.limits);
    const after = await checkCompliance(fixed.output!, [target], ctx.limits);
    return { ...fixed, metadata: { ...before, applied_fix: fix, fixed_check: after } };
  },
});
