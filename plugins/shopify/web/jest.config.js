// The app's pages in jsdom (window.shopify stubbed: App Bridge loads from Shopify's CDN, unreachable here),
// against an app server on 127.0.0.1 started by each test.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { preset } from '../../../jest.preset.js';

const dir = path.dirname(fileURLToPath(import.meta.url));
const base = preset(dir);
export default {
  ...base,
  displayName: 'shopify-web',
  testEnvironment: path.join(dir, 'test-support/jsdom-environment.js'),
  // Node builds of dependencies.
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
  setupFilesAfterEnv: [path.join(dir, 'test-support/jsdom-setup.ts')],
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/src/**/*.test.tsx', '<rootDir>/*.test.ts'],
  moduleNameMapper: { ...base.moduleNameMapper, '\\.css$': path.join(dir, 'test-support/empty-module.ts') },
  testTimeout: 60000,
};
