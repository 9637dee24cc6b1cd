// The cluster test (scripts/cluster.sh: nginx, 2 serve + 2 worker processes, MariaDB, s3rver) runs on its own:
// `npm run test:cluster -w hub`, and as its own step in .ci/run. It is not part of the hub's suite.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { preset } from '../../jest.preset.js';

const hub = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export default {
  ...preset(hub),
  displayName: 'cluster',
  testMatch: ['<rootDir>/cluster/**/*.test.ts'],
  testTimeout: 180000,
};
