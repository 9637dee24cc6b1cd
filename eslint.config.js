import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const sharpOnlyInProcessing = { name: 'sharp', message: 'sharp is imported only under hub/src/processing/.' };
// Layers point down (docs/architecture.md): routes → services → db; jobs → services; composition.ts → all.
const routeRestrictions = {
  paths: [sharpOnlyInProcessing, { name: 'typeorm', message: 'Routes are HTTP only: queries belong in a service.' }],
  patterns: [{ group: ['**/db', '**/db/**'], message: 'Routes are HTTP only: entities and queries belong in a service.' }],
};
const serviceRestriction = (patterns) => ({
  paths: [
    sharpOnlyInProcessing,
    { name: 'koa', message: 'Services know nothing of HTTP: take plain input, return DTOs.' },
  ],
  patterns: [
    { group: ['@koa/*'], message: 'Services know nothing of HTTP.' },
    ...patterns,
    { group: ['**/middleware/**'], message: 'Services know nothing of HTTP middleware.' },
    { group: ['**/jobs/**', '**/composition.js'], message: 'Services enqueue through services/job-port.ts; the composition root wires jobs to them.' },
  ],
});
const operationRequestUsers = [
  'hub/src/services/catalog-run.runner.ts',
  'hub/src/services/catalog-run.service.ts',
  'hub/src/services/image.service.ts',
  'hub/src/services/preset.service.ts',
  'hub/src/services/tasks/task.service.ts',
];
const noHttp = { group: ['**/http/**'], message: 'Services know nothing of HTTP (hub/src/http reads requests).' };

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/build/**', 'data/**', 'plugins/wordpress/vendor/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [sharpOnlyInProcessing] }],
    },
  },
  {
    // The WordPress plugin's build/test configs are CommonJS (wp-scripts loads them with require).
    files: ['plugins/wordpress/*.js', 'plugins/wordpress/tests/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['hub/src/processing/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['hub/src/routes/**/*.ts'],
    // Route tests check rows through the real app's database; health.routes.ts pings the data source
    // (until the route-declaration work hands it a ping function).
    ignores: ['hub/src/routes/**/*.test.ts', 'hub/src/routes/health.routes.ts'],
    rules: { 'no-restricted-imports': ['error', routeRestrictions] },
  },
  {
    files: ['hub/src/services/**/*.ts', 'hub/src/webhooks/**/*.ts'],
    ignores: ['hub/src/**/*.test.ts', ...operationRequestUsers],
    rules: { 'no-restricted-imports': ['error', serviceRestriction([noHttp])] },
  },
  {
    // These still read http/operation-request.ts until it moves into the service layer (issue 13 point 2):
    // the same rules without the http/ one. Remove this block when it moves.
    files: operationRequestUsers,
    rules: { 'no-restricted-imports': ['error', serviceRestriction([])] },
  },
  {
    files: ['hub/src/**/*.ts'],
    ignores: ['hub/src/config.ts'],
    rules: { 'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through hub/src/config.ts only.' }] },
  },
  {
    files: ['plugins/shopify/server/src/**/*.ts'],
    ignores: ['plugins/shopify/server/src/config.ts'],
    rules: { 'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through plugins/shopify/server/src/config.ts only.' }] },
  },
  {
    // SQLite shares one connection per process: transactions go through runInTransaction (db/transaction.ts).
    files: ['hub/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='transaction']", message: 'Use runInTransaction (hub/src/db/transaction.ts).' },
      ],
    },
  },
  {
    // The Shopify app's App Bridge stub for the browser tests is page-side JavaScript.
    files: ['plugins/shopify/web/e2e/app-bridge-stub.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', location: 'readonly', MutationObserver: 'readonly', CustomEvent: 'readonly' } },
  },
  {
    // The dashboard runs in browsers: their globals, and nowhere to leak a key to.
    files: ['hub/web/src/**/*.{ts,tsx}', 'plugins/shopify/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', fetch: 'readonly', URL: 'readonly', Blob: 'readonly', File: 'readonly', FormData: 'readonly' } },
    rules: {
      'no-console': 'error',
      'no-restricted-globals': [
        'error',
        { name: 'localStorage', message: 'The dashboard keeps no state in web storage (keys and sessions never belong there).' },
        { name: 'sessionStorage', message: 'The dashboard keeps no state in web storage (keys and sessions never belong there).' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'localStorage', message: 'No web storage in the dashboard.' },
        { object: 'window', property: 'sessionStorage', message: 'No web storage in the dashboard.' },
      ],
    },
  },
);
