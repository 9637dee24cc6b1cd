// End to end: the built pages in Debian Chromium (playwright-core) against an app server on 127.0.0.1, App
// Bridge stubbed by a script injected before the page loads (Shopify's CDN is unreachable here).
// Not part of `npm test` (it needs /usr/bin/chromium): `npm run test:e2e -w plugins/shopify`, and .ci/run.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { preset } from '../../../../jest.preset.js';

const dir = path.dirname(fileURLToPath(import.meta.url));

export default {
  ...preset(dir),
  displayName: 'shopify-web-e2e',
  testMatch: ['<rootDir>/**/*.e2e.ts'],
  testTimeout: 180_000,
  maxWorkers: 1,
  forceExit: true,
};
