/* eslint-disable no-restricted-properties -- tests and the bench find the photographs from the environment */
import os from 'node:os';
import path from 'node:path';

/** Where scripts/cutout-photos.sh unpacks the evaluation photos (PIXPORT_CUTOUT_PHOTOS overrides; tests and bench only). */
export const CUTOUT_PHOTOS_DIR =
  process.env.PIXPORT_CUTOUT_PHOTOS ??
  path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'pixport', 'cutout-photos');
