// `npm test` at the root runs every workspace's suite in one jest process.
export default {
  projects: ['<rootDir>/shared', '<rootDir>/marketplace', '<rootDir>/hub', '<rootDir>/hub/web'],
};
