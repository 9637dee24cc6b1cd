import { AppError } from '../../errors.js';
import { ColorFloodEngine } from './color-flood.engine.js';
import type { SegmentationEngine } from './segmentation-engine.js';

const engines = new Map<string, SegmentationEngine>([['color-flood', new ColorFloodEngine()]]);

export const DEFAULT_SEGMENTATION_ENGINE = 'color-flood';

/** Adds an engine (e.g. an ML model) that `remove-background` can select by name. */
export function registerSegmentationEngine(engine: SegmentationEngine): void {
  engines.set(engine.name, engine);
}

/** Names of the engines this process can run, for the bench and the account/OpenAPI description. */
export function availableEngines(): string[] {
  return [...engines.keys()];
}

export function getSegmentationEngine(name = DEFAULT_SEGMENTATION_ENGINE): SegmentationEngine {
  const engine = engines.get(name);
  if (!engine) {
    throw new AppError('invalid_parameter', `engine: unknown engine ${name}.`, {
      errors: [{ field: 'engine', message: `must be one of ${[...engines.keys()].join(', ')}` }],
    });
  }
  return engine;
}
