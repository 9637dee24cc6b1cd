// Parameter schemas of the image operations, one file per operation.
import type { z } from 'zod';
import type { OperationName } from '../operations.js';
import { backgroundsGenerateParamsSchema } from './backgrounds-generate.js';
import { complianceParamsSchema } from './compliance.js';
import { gifFromVideoParamsSchema } from './gif-from-video.js';
import { gifParamsSchema } from './gif.js';
import { ocrParamsSchema } from './ocr.js';
import { processParamsSchema } from './process.js';
import { relightShadowParamsSchema } from './relight-shadow.js';
import { removeBackgroundParamsSchema } from './remove-background.js';
import { upscaleParamsSchema } from './upscale.js';

export * from './fields.js';
export * from './marketplaces.js';
export * from './process.js';
export * from './compliance.js';
export * from './remove-background.js';
export * from './upscale.js';
export * from './shadow.js';
export * from './backgrounds-generate.js';
export * from './relight-shadow.js';
export * from './ocr.js';
export * from './gif.js';
export * from './gif-from-video.js';
export * from './inputs.js';

/** The parameter schema of each operation, by canonical name. */
export const OPERATION_PARAM_SCHEMAS = {
  process: processParamsSchema,
  compliance: complianceParamsSchema,
  'remove-background': removeBackgroundParamsSchema,
  upscale: upscaleParamsSchema,
  'backgrounds-generate': backgroundsGenerateParamsSchema,
  'relight-shadow': relightShadowParamsSchema,
  ocr: ocrParamsSchema,
  gif: gifParamsSchema,
  'gif-from-video': gifFromVideoParamsSchema,
} as const satisfies Record<OperationName, z.ZodType>;
