import { OPERATIONS, hubRule, isOperationId, operationSpec } from './operations';
import { paramsFor, validateParams } from './params';

describe('paramsFor', () => {
  it('fills the site preset for process and keeps explicit values over defaults', () => {
    expect(paramsFor('process', {}, 'amazon')).toEqual({ preset: 'amazon' });
    expect(paramsFor('process', { preset: 'ebay', margin: 0.1 }, 'amazon')).toEqual({
      preset: 'ebay',
      margin: 0.1,
    });
  });

  it('drops fields that belong to another operation and empty values', () => {
    expect(paramsFor('upscale', { scale: '4', preset: 'amazon', crop: true, format: '' })).toEqual({
      scale: '4',
    });
    expect(paramsFor('remove-background', { bg_color: '', crop: true })).toEqual({ crop: true });
  });

  it('gives background + shadow its studio/contact defaults', () => {
    expect(paramsFor('backgrounds-generate', {})).toEqual({ kind: 'studio', shadow: 'contact' });
    expect(paramsFor('backgrounds-generate', { shadow: 'drop', color: '#eeeeee' })).toEqual({
      kind: 'studio',
      shadow: 'drop',
      color: '#eeeeee',
    });
  });

  it('refuses an unknown operation', () => {
    expect(() => paramsFor('nope' as never, {})).toThrow('Unknown operation');
  });
});

describe('validateParams', () => {
  it('accepts the defaults of every operation', () => {
    for (const operation of OPERATIONS) {
      expect(validateParams(operation.id, paramsFor(operation.id, {}, 'woocommerce'))).toEqual([]);
    }
  });

  it('names the field and range of a margin out of range', () => {
    expect(validateParams('process', { margin: 0.6 })).toEqual([
      'Margin (fraction of each side) must be between 0 and 0.49.',
    ]);
    expect(validateParams('process', { margin: 'abc' })).toHaveLength(1);
    expect(validateParams('process', { margin: 0.49 })).toEqual([]);
  });

  it('checks colours, select options and toggles', () => {
    expect(validateParams('process', { background: 'white' })).toEqual([
      'Background must be a hex colour like #ffffff.',
    ]);
    expect(validateParams('process', { background: '#FFF' })).toEqual([]);
    expect(validateParams('process', { preset: 'alibaba' })[0]).toMatch(
      /^Marketplace preset must be one of amazon, shopify/,
    );
    expect(validateParams('upscale', { scale: '3' })).toHaveLength(1);
    expect(validateParams('remove-background', { crop: 'yes' })).toEqual([
      'Crop to the product must be on or off.',
    ]);
  });
});

describe('operations', () => {
  it('offers the four operations of the issue, each with a label and fields', () => {
    expect(OPERATIONS.map((operation) => operation.id)).toEqual([
      'process',
      'remove-background',
      'backgrounds-generate',
      'upscale',
    ]);
    expect(operationSpec('upscale')?.label).toBe('Upscale');
    expect(isOperationId('remove-background')).toBe(true);
    expect(isOperationId('ocr')).toBe(false);
    expect(isOperationId(undefined)).toBe(false);
  });
});

describe('the block and the hub catalogue', () => {
  it('offers only parameters and values the hub accepts (includes/operations.json, generated from @pixport/shared)', () => {
    for (const operation of OPERATIONS) {
      for (const field of operation.fields) {
        const rule = hubRule(operation.id, field.name);
        if (field.kind === 'select' && rule.type === 'enum')
          for (const option of field.options) if (option.value) expect(rule.values).toContain(option.value);
        if (field.kind === 'number') expect([field.min, field.max]).toEqual([rule.min, rule.max]);
        if (field.kind === 'toggle') expect(rule.type).toBe('bool');
        if (field.kind === 'color') expect(rule.type).toBe('color');
      }
    }
    expect(() => hubRule('process', 'no_such_field')).toThrow('no parameter "no_such_field"');
  });

  it('spells marketplaces as they do', () => {
    const preset = operationSpec('process')!.fields.find((field) => field.name === 'preset')!;
    expect(preset.kind === 'select' && preset.options.map((option) => option.label)).toEqual([
      'Amazon',
      'Shopify',
      'WooCommerce',
      'eBay',
      'Etsy',
      'Google',
    ]);
  });
});
