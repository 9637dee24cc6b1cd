import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../errors.js';
import { AutoEngine } from './auto.engine.js';
import { ColorFloodEngine } from './color-flood.engine.js';
import { LearnedEngine } from './learned.engine.js';
import { ModelSession } from './model-session.js';
import type { SegmentationEngine } from './segmentation-engine.js';

const engines = new Map<string, SegmentationEngine>([['classical', new ColorFloodEngine()]]);
engines.set('auto', new AutoEngine((name) => engines.get(name)));
/** Names that mean another engine (`color-flood` was the classical engine's name before issue 14). */
const ALIASES: Record<string, string> = { 'color-flood': 'classical' };

export const DEFAULT_SEGMENTATION_ENGINE = 'auto';

/** Adds an engine that `remove-background` can select by name (tests replace engines this way too). */
export function registerSegmentationEngine(engine: SegmentationEngine): void {
  engines.set(engine.name, engine);
}

/** Names of the engines this process can run (for the account endpoint, the bench and docs). */
export function availableEngines(): string[] {
  return [...engines.keys()];
}

export function getSegmentationEngine(requested = DEFAULT_SEGMENTATION_ENGINE): SegmentationEngine {
  const name = ALIASES[requested] ?? requested;
  const engine = engines.get(name);
  if (engine) return engine;
  if (name === 'ml') {
    throw new AppError(
      'invalid_parameter',
      'engine: the learned engine (ml) is not installed on this hub. An operator installs it with scripts/install-ml-engine.sh (onnxruntime-node and a segmentation model) and sets SEGMENTATION_ENGINE_DIR or SEGMENTATION_MODEL_PATH (docs/operations.md); engine auto or classical work now.',
      { errors: [{ field: 'engine', message: `ml is not installed here; available: ${availableEngines().join(', ')}` }] },
    );
  }
  throw new AppError('invalid_parameter', `engine: unknown engine ${requested}.`, {
    errors: [{ field: 'engine', message: `must be one of ${availableEngines().join(', ')}` }],
  });
}

export interface SegmentationSetup {
  /** Where scripts/install-ml-engine.sh installed onnxruntime-node and models/. */
  engineDir: string | undefined;
  /** An ONNX model file (default: engineDir/models/isnet.onnx). */
  modelPath: string | undefined;
  threads: number;
  normalize: 'isnet' | 'imagenet';
}

let session: ModelSession | undefined;

/**
 * Loads the learned engine when configured: one model session per process, created here at
 * start-up (a missing runtime or a corrupt model fails now, not at the first request).
 */
export async function configureSegmentation(setup: SegmentationSetup): Promise<{ model: string } | undefined> {
  if (!setup.engineDir && !setup.modelPath) return undefined;
  const modelPath = path.resolve(setup.modelPath ?? path.join(setup.engineDir!, 'models', 'isnet.onnx'));
  // Without an engine dir, onnxruntime-node resolves from the hub's own node_modules (an operator's `npm install`).
  const runtimeDir = path.resolve(setup.engineDir ?? path.dirname(fileURLToPath(import.meta.url)));
  await closeSegmentation();
  session = await ModelSession.open({ runtimeDir, modelPath, threads: setup.threads, normalize: setup.normalize });
  registerSegmentationEngine(new LearnedEngine(session, path.basename(modelPath)));
  return { model: modelPath };
}

/** The learned engine's session, for memory and queue figures (undefined when not installed). */
export const segmentationSession = () => session;

export async function closeSegmentation(): Promise<void> {
  engines.delete('ml');
  const open = session;
  session = undefined;
  await open?.close();
}
