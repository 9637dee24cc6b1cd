import { describe, expect, it } from '@jest/globals';
import { listMarketplaces } from '@pixport/marketplace';
import { CLEAR_CREDENTIAL_FIELDS, CREDENTIAL_SCHEMAS, INTEGRATION_MARKETPLACES } from '@pixport/shared';
import { mask } from './integration.service.js';

describe('credentials contract', () => {
  it('the wire schemas take exactly the connectors’ credential fields, and never show a secret one in clear', () => {
    expect(
      listMarketplaces()
        .map((m) => m.id)
        .sort(),
    ).toEqual([...INTEGRATION_MARKETPLACES].sort());
    for (const definition of listMarketplaces()) {
      const schema = CREDENTIAL_SCHEMAS[definition.id];
      const shape = (
        'shape' in schema
          ? schema.shape
          : (schema as unknown as { def: { schema: { shape: object } } }).def.schema.shape
      ) as Record<string, { isOptional(): boolean }>;
      expect(Object.keys(shape).sort()).toEqual(definition.credentialFields.map((f) => f.name).sort());
      for (const field of definition.credentialFields) {
        expect(shape[field.name]!.isOptional()).toBe(!field.required);
        if (field.secret) expect(CLEAR_CREDENTIAL_FIELDS[definition.id]).not.toContain(field.name);
      }
    }
  });

  it('masks everything but the store locators', () => {
    expect(
      mask('woocommerce', {
        url: 'https://s.example',
        consumerKey: 'ck_0123456789abcdef',
        consumerSecret: 'short',
      }),
    ).toEqual({
      url: 'https://s.example',
      consumerKey: '…cdef',
      consumerSecret: '…',
    });
  });
});
