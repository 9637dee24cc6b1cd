// End-to-end: a real Pixport hub (from this repository, SQLite) + WordPress Playground + Chromium.
// Run with `npm run test:e2e` (serially: one WordPress, one hub, one browser).
const path = require('path');

module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  testMatch: ['<rootDir>/tests/e2e/**/*.e2e.ts'],
  testEnvironment: 'node',
  transform: { '\\.[jt]sx?$': require.resolve('@wordpress/scripts/config/babel-transform') },
  testTimeout: 240_000,
  maxWorkers: 1,
  forceExit: true,
};
