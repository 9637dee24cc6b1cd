// Shared jest settings: TypeScript through swc, native ESM (agenda 6 is ESM-only),
// workspace packages mapped to their sources so tests never need a build first.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(fileURLToPath(import.meta.url));

export function preset(dir) {
  return {
    rootDir: dir,
    displayName: path.basename(dir),
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts', '.tsx'],
    transform: {
      '^.+\\.tsx?$': [
        '@swc/jest',
        {
          jsc: {
            parser: { syntax: 'typescript', tsx: true, decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: false, react: { runtime: 'automatic' } },
            target: 'es2022',
          },
          module: { type: 'es6' },
          sourceMaps: 'inline',
        },
      ],
    },
    moduleNameMapper: {
      '^@pixport/shared$': path.join(root, 'shared/src/index.ts'),
      '^@pixport/marketplace$': path.join(root, 'marketplace/src/index.ts'),
      '^@pixport/marketplace/sandboxes$': path.join(root, 'marketplace/src/sandboxes/index.ts'),
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/src/**/*.test.tsx'],
    testTimeout: 30000,
  };
}
