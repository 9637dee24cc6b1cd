// Writes the operation catalogue generated from @pixport/shared's schemas to the WordPress plugin
// (`npm run catalogue`; shared must be built). shared/src/operation-catalogue.test.ts fails on drift.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderOperationCatalogue } from '../shared/dist/operation-catalogue.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(root, 'plugins/wordpress/includes/operations.json');
fs.writeFileSync(file, renderOperationCatalogue());
console.log(`wrote ${path.relative(root, file)}`);
