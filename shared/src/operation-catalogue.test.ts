import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOperationCatalogue, renderOperationCatalogue } from './operation-catalogue.js';
import { operationNames } from './operations.js';

const FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../plugins/wordpress/includes/operations.json',
);

describe('operation catalogue', () => {
  it('the WordPress plugin ships the catalogue generated from these schemas (run `npm run catalogue` after changing them)', () => {
    expect(fs.readFileSync(FILE, 'utf8')).toBe(renderOperationCatalogue());
  });

  it('describes every operation with its sync path and typed parameter rules', () => {
    const catalogue = buildOperationCatalogue();
    expect(Object.keys(catalogue.operations)).toEqual(operationNames);
    expect(catalogue.operations['backgrounds-generate'].path).toBe('/api/v1/backgrounds/generate');
    expect(catalogue.operations.process.params).toMatchObject({
      width: { type: 'int', min: 1, max: 10000 },
      margin: { type: 'number', min: 0, max: 0.49 },
      background: { type: 'color', transparent: true },
      trim: { type: 'bool' },
      preset: { type: 'enum', values: ['amazon', 'shopify', 'woocommerce', 'ebay', 'etsy', 'google'] },
    });
    expect(catalogue.operations['remove-background'].params.bg_color).toMatchObject({ type: 'color' });
    expect(catalogue.marketplaces.map((m) => m.label)).toEqual([
      'Amazon',
      'Shopify',
      'WooCommerce',
      'eBay',
      'Etsy',
      'Google',
    ]);
  });
});
