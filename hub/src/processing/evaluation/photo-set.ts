import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderGroundTruth, type GroundTruthEntry } from './ground-truth.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'real-photos');

export interface EvaluationPhoto extends GroundTruthEntry {
  image: Buffer;
  /** 1 = subject, 0 = background. */
  truth: Uint8Array;
}

/** The hand-traced entries (fixtures/real-photos/ground-truth.json). */
export function groundTruthEntries(): GroundTruthEntry[] {
  return (JSON.parse(readFileSync(path.join(FIXTURES, 'ground-truth.json'), 'utf8')) as { photos: GroundTruthEntry[] }).photos;
}

/**
 * The real-photo evaluation set: photographs from `directory` (scripts/cutout-photos.sh unpacks
 * them) with their rendered ground truth. Fails loudly when a photo is missing.
 */
export function loadEvaluationSet(directory: string): EvaluationPhoto[] {
  return groundTruthEntries().map((entry) => {
    const file = path.join(directory, entry.file);
    if (!existsSync(file)) throw new Error(`${file} is missing: run scripts/cutout-photos.sh first (CI does)`);
    return { ...entry, image: readFileSync(file), truth: renderGroundTruth(entry) };
  });
}
