// The image engine: the only module that touches sharp, tesseract.js and ffmpeg.
export { runOperation, getOperation, OPERATION_REGISTRY, type RunOptions, type RunResult } from './engine.js';
export type { Operation, OperationContext, OperationInput, OperationResult } from './operation.js';
export { DEFAULT_LIMITS, resolveLimits, type ProcessingLimits } from './limits.js';
export { sniffMediaType, type MediaType } from './input.js';
export { runProcess } from './process.op.js';
export { checkCompliance } from './compliance.op.js';
export { closeOcrPool, configureOcrPool } from './ocr-pool.js';
export { availableEngines, closeSegmentation, configureSegmentation, registerSegmentationEngine, segmentationSession } from './segmentation/engines.js';
export type { SegmentationEngine, SubjectMask } from './segmentation/segmentation-engine.js';
export { inspectInput } from './inspect.js';
export { parseParams } from './params.js';
export { engineInput } from './inputs.js';
export { DecodeGate, decodedBytesOf, type DecodeBudget } from './decode-gate.js';
export { configureWorkDir, sweepWorkDirs } from './work-dir.js';
