/**
 * The operations the block offers and their main options. Mirrors the PHP whitelist
 * (includes/Operations.php); the server validates again.
 */
export type OperationId = 'process' | 'remove-background' | 'backgrounds-generate' | 'upscale';

export type ParamValue = string | number | boolean;
export type Params = Record<string, ParamValue>;

interface BaseField {
  name: string;
  label: string;
}
export type FieldSpec =
  | (BaseField & { kind: 'select'; options: { value: string; label: string }[] })
  | (BaseField & { kind: 'number'; min: number; max: number; step: number })
  | (BaseField & { kind: 'color' })
  | (BaseField & { kind: 'toggle' });

export interface OperationSpec {
  id: OperationId;
  label: string;
  fields: FieldSpec[];
  /** Values used when the user leaves a field alone. */
  defaults: Params;
}

export const MARKETPLACES = ['amazon', 'shopify', 'woocommerce', 'ebay', 'etsy', 'google'] as const;

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

const marketplaceField: FieldSpec = {
  name: 'preset',
  label: 'Marketplace preset',
  kind: 'select',
  options: MARKETPLACES.map((value) => ({ value, label: capitalize(value) })),
};
const marginField: FieldSpec = {
  name: 'margin',
  label: 'Margin (fraction of each side)',
  kind: 'number',
  min: 0,
  max: 0.49,
  step: 0.01,
};
const formatField: FieldSpec = {
  name: 'format',
  label: 'Format',
  kind: 'select',
  options: [
    { value: '', label: 'Automatic' },
    { value: 'jpeg', label: 'JPEG' },
    { value: 'png', label: 'PNG' },
    { value: 'webp', label: 'WebP' },
  ],
};

export const OPERATIONS: OperationSpec[] = [
  {
    id: 'process',
    label: 'Fit to a marketplace preset',
    fields: [
      marketplaceField,
      marginField,
      { name: 'background', label: 'Background', kind: 'color' },
      formatField,
    ],
    defaults: { preset: 'woocommerce' },
  },
  {
    id: 'remove-background',
    label: 'Remove background',
    fields: [
      { name: 'crop', label: 'Crop to the product', kind: 'toggle' },
      { name: 'bg_color', label: 'Fill colour (empty = transparent)', kind: 'color' },
      formatField,
    ],
    defaults: { crop: false },
  },
  {
    id: 'backgrounds-generate',
    label: 'New background + shadow',
    fields: [
      {
        name: 'kind',
        label: 'Background',
        kind: 'select',
        options: ['studio', 'solid', 'linear', 'radial'].map((value) => ({
          value,
          label: capitalize(value),
        })),
      },
      { name: 'color', label: 'Colour', kind: 'color' },
      {
        name: 'shadow',
        label: 'Shadow',
        kind: 'select',
        options: ['contact', 'drop', 'reflection', 'none'].map((value) => ({
          value,
          label: capitalize(value),
        })),
      },
      marginField,
      formatField,
    ],
    defaults: { kind: 'studio', shadow: 'contact' },
  },
  {
    id: 'upscale',
    label: 'Upscale',
    fields: [
      {
        name: 'scale',
        label: 'Scale',
        kind: 'select',
        options: [
          { value: '2', label: '2×' },
          { value: '4', label: '4×' },
        ],
      },
      formatField,
    ],
    defaults: { scale: '2' },
  },
];

export function operationSpec(id: string): OperationSpec | undefined {
  return OPERATIONS.find((operation) => operation.id === id);
}

export function isOperationId(id: unknown): id is OperationId {
  return typeof id === 'string' && operationSpec(id) !== undefined;
}
