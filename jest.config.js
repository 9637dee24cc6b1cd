// `npm test` at the root runs every workspace's suite in one jest process.
export default {
  // agenda arms a lock-check timer of lockLifetime/2 (minutes) for every job it runs and never clears
  // it; the hub exits explicitly, and so must jest once the suites are done.
  forceExit: true,
  projects: ['<rootDir>/shared', '<rootDir>/marketplace', '<rootDir>/hub'],
};
