import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/build/**', 'data/**', 'plugins/wordpress/vendor/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [{ name: 'sharp', message: 'sharp is imported only under hub/src/processing/.' }] }],
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
