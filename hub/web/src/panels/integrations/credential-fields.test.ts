import { describe, expect, it } from '@jest/globals';
import { buildOpenApiDocument } from '@pixport/shared';
import type { OpenApiDocument } from '../../api/capabilities.js';
import { credentialLabel, isSecretField, marketplaceForms } from './credential-fields.js';

describe('the connect form, read from the hub’s document', () => {
  const forms = marketplaceForms(buildOpenApiDocument() as OpenApiDocument);

  it('offers each connector with its own credential fields, required ones marked', () => {
    const byMarketplace = Object.fromEntries(
      forms.map((form) => [
        form.marketplace,
        form.fields.map((field) => `${field.name}${field.required ? '*' : ''}`),
      ]),
    );
    expect(byMarketplace).toEqual({
      shopify: ['shop*', 'accessToken*'],
      woocommerce: ['url*', 'consumerKey*', 'consumerSecret*', 'wpUsername', 'wpApplicationPassword'],
      'amazon-bridge': ['url*', 'secret*', 'marketplaceId*'],
    });
  });

  it('types secrets into password fields, and locators in clear', () => {
    expect(
      ['accessToken', 'consumerKey', 'consumerSecret', 'wpApplicationPassword', 'secret'].every(
        isSecretField,
      ),
    ).toBe(true);
    expect(['shop', 'url', 'wpUsername', 'marketplaceId'].some(isSecretField)).toBe(false);
  });

  it('labels each field in words, the wire name kept for the hub', () => {
    expect(forms.flatMap((form) => form.fields.map((field) => credentialLabel(field.name)))).toEqual([
      'Shop',
      'Access token',
      'URL',
      'Consumer key',
      'Consumer secret',
      'WordPress username',
      'WordPress application password',
      'URL',
      'Secret',
      'Marketplace ID',
    ]);
  });
});
