// The app's pages in jsdom (window.shopify stubbed: App Bridge loads from Shopify's CDN, unreachable here).
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { preset } from '../../../jest.preset.js';

const dir = path.dirname(fileURLToPath(import.meta.url));
const base = preset(dir);
export default {
  ...base,
  displayName: 'shopify-web',
  testEnvironment: 'jsdom',
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
  moduleNameMapper: { ...base.moduleNameMapper, '\\.css$': path.join(dir, 'test-support/empty-module.ts') },
  testTimeout: 60000,
};
