// `npm test` at the root runs every workspace's suite in one jest process.
export default {
  // agenda arms a lock-check timer of lockLifetime/2 (minutes) for every job it runs and never clears
  // it; the hub exits explicitly, and so must jest once the suites are done.
  forceExit: true,
  // Per-project testTimeout is ignored when jest runs projects from the root; image and process tests
  // need more than the 5 s default on a loaded 2-core machine.
  testTimeout: 30000,
  projects: [
    '<rootDir>/shared',
    '<rootDir>/marketplace',
    '<rootDir>/hub',
    '<rootDir>/hub/web',
    '<rootDir>/plugins/shopify/server',
    '<rootDir>/plugins/shopify/web',
  ],
};
