// The app server's tests: the real Koa app, a real hub process, the marketplace package's Shopify sandbox.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { preset } from '../../../jest.preset.js';

const dir = path.dirname(fileURLToPath(import.meta.url));
export default { ...preset(dir), displayName: 'shopify-server', testTimeout: 60000 };
