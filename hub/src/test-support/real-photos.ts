/* eslint-disable no-restricted-properties -- tests find the photographs from the environment */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where scripts/real-photos.sh unpacks the photographs (PIXPORT_REAL_PHOTOS overrides; tests only). */
const DIR =
  process.env.PIXPORT_REAL_PHOTOS ??
  path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'pixport', 'real-photos');

export type RealPhoto = 'astronaut.png' | 'coffee.png' | 'chelsea.png' | 'camera.png' | 'rocket.jpg' | 'motorcycle_left.png';

/** A real photograph (scikit-image's sample photos from Debian's python3-skimage); fails loudly when absent. */
export function realPhoto(name: RealPhoto): Buffer {
  const file = path.join(DIR, name);
  if (!existsSync(file)) throw new Error(`${file} is missing: run scripts/real-photos.sh first (CI does)`);
  return readFileSync(file);
}
