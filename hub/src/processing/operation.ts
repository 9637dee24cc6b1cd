import type { z } from 'zod';
import type { ProcessingLimits } from './limits.js';

/** One uploaded file, or several (gif frames; backgrounds-generate's background image second). */
export type OperationInput = Buffer | Buffer[];

export interface OperationContext {
  limits: ProcessingLimits;
  /** Aborts long work (ffmpeg, OCR queue) when the caller gives up. */
  signal?: AbortSignal;
}

export interface OperationResult {
  /** The produced file; null for operations that only measure (ocr, compliance without auto_fix). */
  output: Buffer | null;
  contentType: string | null;
  width: number | null;
  height: number | null;
  /** JSON-safe facts about the run (method used, measurements, OCR text, compliance report...). */
  metadata: Record<string, unknown>;
}

export interface Operation<Schema extends z.ZodType = z.ZodType> {
  name: string;
  params: Schema;
  run(input: OperationInput, params: z.output<Schema>, ctx: OperationContext): Promise<OperationResult>;
}

/** Keeps the schema's parameter type attached to `run` at the definition site. */
export function defineOperation<Schema extends z.ZodType>(operation: Operation<Schema>): Operation<Schema> {
  return operation;
}
