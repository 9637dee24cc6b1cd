// End to end: the built dashboard in Debian Chromium (playwright-core) against a real hub on 127.0.0.1.
// Not part of `npm test` (it needs /usr/bin/chromium): `npm run test:e2e -w hub`, and .ci/run.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { preset } from '../../../jest.preset.js';

const dir = path.dirname(fileURLToPath(import.meta.url));

export default {
  ...preset(dir),
  displayName: 'dashboard-e2e',
  testMatch: ['<rootDir>/**/*.e2e.ts'],
  testTimeout: 180_000,
  maxWorkers: 1,
  // agenda leaves a lock-check timer behind (see the root jest config).
  forceExit: true,
};
