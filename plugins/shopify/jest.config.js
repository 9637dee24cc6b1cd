// `npm test -w plugins/shopify`: the server and the pages (the root jest config lists the same projects).
export default {
  forceExit: true,
  testTimeout: 60000,
  projects: ['<rootDir>/server', '<rootDir>/web'],
};
