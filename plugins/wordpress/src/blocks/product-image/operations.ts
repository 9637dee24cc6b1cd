/**
 * The operations the block offers and their main options. Which values and ranges each field accepts
 * comes from the hub's operation catalogue (`includes/operations.json`, generated from @pixport/shared,
 * read by the PHP whitelist too); this file only picks the fields and labels them. The server
 * validates again.
 */
import catalogue from '../../../includes/operations.json';

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
  | (BaseField & { kind: 'color'; pattern: string })
  | (BaseField & { kind: 'toggle' });

export interface OperationSpec {
  id: OperationId;
  label: string;
  fields: FieldSpec[];
  /** Values used when the user leaves a field alone. */
  defaults: Params;
}

interface CatalogueRule {
  type: string;
  min?: number;
  max?: number;
  values?: string[];
  pattern?: string;
}
const OPERATION_PARAMS = catalogue.operations as unknown as Record<
  OperationId,
  { params: Record<string, CatalogueRule> }
>;

/** The hub's rule for one parameter; a field the hub no longer has fails the build's unit tests. */
export function hubRule(operation: OperationId, name: string): CatalogueRule {
  const rule = OPERATION_PARAMS[operation]?.params[name];
  if (!rule) throw new Error(`The hub's catalogue has no parameter "${name}" for ${operation}.`);
  return rule;
}

export const MARKETPLACES = catalogue.marketplaces.map((marketplace) => marketplace.name);
/** "WooCommerce", "eBay": each marketplace's own spelling. */
export const marketplaceLabel = (name: string) =>
  catalogue.marketplaces.find((marketplace) => marketplace.name === name)?.label ?? name;

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const FORMAT_LABELS: Record<string, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', avif: 'AVIF' };

/** A select of the hub's values (optionally fewer, in the order given), with labels. */
function select(
  operation: OperationId,
  name: string,
  label: string,
  only?: string[],
  labelOf: (value: string) => string = capitalize,
): FieldSpec {
  const values = hubRule(operation, name).values ?? [];
  const offered = only ? only.filter((value) => values.includes(value)) : values;
  return { name, label, kind: 'select', options: offered.map((value) => ({ value, label: labelOf(value) })) };
}

function number(operation: OperationId, name: string, label: string, step: number): FieldSpec {
  const rule = hubRule(operation, name);
  return { name, label, kind: 'number', min: rule.min ?? 0, max: rule.max ?? Number.MAX_SAFE_INTEGER, step };
}

function color(operation: OperationId, name: string, label: string): FieldSpec {
  return { name, label, kind: 'color', pattern: hubRule(operation, name).pattern ?? '^#?[0-9a-fA-F]{6}$' };
}

function format(operation: OperationId): FieldSpec {
  const field = select(operation, 'format', 'Format', undefined, (value) => FORMAT_LABELS[value] ?? value);
  return field.kind === 'select'
    ? { ...field, options: [{ value: '', label: 'Automatic' }, ...field.options] }
    : field;
}

const MARGIN_LABEL = 'Margin (fraction of each side)';

export const OPERATIONS: OperationSpec[] = [
  {
    id: 'process',
    label: 'Fit to a marketplace preset',
    fields: [
      select('process', 'preset', 'Marketplace preset', undefined, marketplaceLabel),
      number('process', 'margin', MARGIN_LABEL, 0.01),
      color('process', 'background', 'Background'),
      format('process'),
    ],
    defaults: { preset: 'woocommerce' },
  },
  {
    id: 'remove-background',
    label: 'Remove background',
    fields: [
      { name: 'crop', label: 'Crop to the product', kind: 'toggle' },
      color('remove-background', 'bg_color', 'Fill colour (empty = transparent)'),
      format('remove-background'),
    ],
    defaults: { crop: false },
  },
  {
    id: 'backgrounds-generate',
    label: 'New background + shadow',
    fields: [
      // `image` needs a second file, which the block does not send.
      select('backgrounds-generate', 'kind', 'Background', ['studio', 'solid', 'linear', 'radial']),
      color('backgrounds-generate', 'color', 'Colour'),
      select('backgrounds-generate', 'shadow', 'Shadow', ['contact', 'drop', 'reflection', 'none']),
      number('backgrounds-generate', 'margin', MARGIN_LABEL, 0.01),
      format('backgrounds-generate'),
    ],
    defaults: { kind: 'studio', shadow: 'contact' },
  },
  {
    id: 'upscale',
    label: 'Upscale',
    fields: [
      {
        // The hub takes any number and refuses all but 2 and 4 (a refinement the catalogue cannot carry).
        name: 'scale',
        label: 'Scale',
        kind: 'select',
        options: [
          { value: '2', label: '2×' },
          { value: '4', label: '4×' },
        ],
      },
      format('upscale'),
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
