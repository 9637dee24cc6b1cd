import { resolveOperation, type OperationName } from '@pixport/shared';
import { AppError } from '../errors.js';
import { backgroundsGenerateOperation } from './backgrounds-generate.op.js';
import { complianceOperation } from './compliance.op.js';
import { gifFromVideoOperation } from './gif-from-video.op.js';
import { gifOperation } from './gif.op.js';
import { resolveLimits, type ProcessingLimits } from './limits.js';
import { ocrOperation } from './ocr.op.js';
import type { Operation, OperationInput, OperationResult } from './operation.js';
import { parseParams } from './params.js';
import { processOperation } from './process.op.js';
import { toPreview } from './preview.js';
import { relightShadowOperation } from './relight-shadow.op.js';
import { removeBackgroundOperation } from './remove-background.op.js';
import { upscaleOperation } from './upscale.op.js';

/** Every operation by canonical name (see `OPERATIONS` in shared). */
export const OPERATION_REGISTRY: Record<OperationName, Operation> = {
  process: processOperation as Operation,
  compliance: complianceOperation as Operation,
  'remove-background': removeBackgroundOperation as Operation,
  upscale: upscaleOperation as Operation,
  'backgrounds-generate': backgroundsGenerateOperation as Operation,
  'relight-shadow': relightShadowOperation as Operation,
  ocr: ocrOperation as Operation,
  gif: gifOperation as Operation,
  'gif-from-video': gifFromVideoOperation as Operation,
};

export function getOperation(nameOrAlias: string): Operation {
  const name = resolveOperation(nameOrAlias);
  if (!name) throw new AppError('not_found', `Unknown operation ${nameOrAlias}.`);
  return OPERATION_REGISTRY[name];
}

export interface RunOptions {
  limits?: Partial<ProcessingLimits>;
  signal?: AbortSignal;
  /** Scale the produced image down to at most this many pixels (test-mode keys get previews). */
  previewPixels?: number;
}

export interface RunResult extends OperationResult {
  operation: OperationName;
  durationMs: number;
}

/**
 * The engine's one entry point for sync endpoints and async tasks: resolves the name or alias,
 * validates raw params (422 naming the field), runs the operation under the limits.
 */
export async function runOperation(
  nameOrAlias: string,
  input: OperationInput,
  rawParams: unknown,
  options: RunOptions = {},
): Promise<RunResult> {
  const operation = getOperation(nameOrAlias);
  const params = parseParams(operation.params, rawParams);
  const started = performance.now();
  const produced = await operation.run(input, params, { limits: resolveLimits(options.limits), signal: options.signal });
  const result = options.previewPixels ? await toPreview(produced, options.previewPixels) : produced;
  return { ...result, operation: operation.name as OperationName, durationMs: Math.round(performance.now() - started) };
}
