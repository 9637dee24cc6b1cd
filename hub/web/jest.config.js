// Dashboard tests: components and panel logic in jsdom, talking to a real hub process over HTTP.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { preset } from '../../jest.preset.js';

const dir = path.dirname(fileURLToPath(import.meta.url));
const base = preset(dir);

export default {
  ...base,
  displayName: 'dashboard',
  testEnvironment: 'jsdom',
  // Node builds of dependencies (axios with its http adapter: jsdom's XMLHttpRequest would apply CORS).
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
  setupFilesAfterEnv: [path.join(dir, 'test-support/jsdom-setup.ts')],
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/src/**/*.test.tsx', '<rootDir>/*.test.ts'],
  moduleNameMapper: { ...base.moduleNameMapper, '\\.css$': path.join(dir, 'test-support/empty-module.ts') },
  testTimeout: 60000,
};
