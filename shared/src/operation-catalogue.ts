/**
 * The operation catalogue as plain JSON, generated from the shared schemas: every operation's sync
 * path, title, aliases and parameter rules, and the marketplace presets. Written to
 * `plugins/wordpress/includes/operations.json` by `npm run catalogue` for the WordPress plugin (its PHP
 * whitelist and its block read it); `operation-catalogue.test.ts` fails when the file drifts.
 */
import { z } from 'zod';
import { SYNC_ENDPOINTS } from './endpoints.js';
import { OPERATIONS, operationNames, type OperationName } from './operations.js';
import { MARKETPLACE_PRESETS, OPERATION_PARAM_SCHEMAS, marketplaceNames } from './processing/index.js';

/** One parameter as the catalogue's readers check it (a small, closed set of rule shapes). */
export type CatalogueParam =
  | { type: 'int' | 'number'; min?: number; max?: number }
  | { type: 'bool' }
  | { type: 'enum'; values: string[] }
  | { type: 'color'; pattern: string; transparent: boolean }
  | { type: 'string'; max?: number };

export interface OperationCatalogue {
  comment: string;
  marketplaces: { name: string; label: string; title: string }[];
  operations: Record<
    OperationName,
    { title: string; heavy: boolean; aliases: string[]; path: string; params: Record<string, CatalogueParam> }
  >;
}

type JsonSchema = {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

export function buildOperationCatalogue(): OperationCatalogue {
  const operations = {} as OperationCatalogue['operations'];
  for (const name of operationNames) {
    const spec = OPERATIONS[name];
    operations[name] = {
      title: spec.title,
      heavy: spec.heavy,
      aliases: [...spec.aliases],
      path: SYNC_ENDPOINTS[name],
      params: paramsOf(name),
    };
  }
  return {
    comment: 'Generated from @pixport/shared by `npm run catalogue`; do not edit by hand.',
    marketplaces: marketplaceNames.map((name) => ({
      name,
      // The preset's short name, as spelled by the marketplace ("WooCommerce", "eBay"): its title's first word.
      label: MARKETPLACE_PRESETS[name].title.split(' ')[0]!,
      title: MARKETPLACE_PRESETS[name].title,
    })),
    operations,
  };
}

/** The catalogue file's text: stable key order, two-space indent, final newline. */
export function renderOperationCatalogue(): string {
  return `${JSON.stringify(buildOperationCatalogue(), null, 2)}\n`;
}

function paramsOf(name: OperationName): Record<string, CatalogueParam> {
  let schema = z.toJSONSchema(OPERATION_PARAM_SCHEMAS[name], {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  if (schema.$ref) schema = schema.$defs![schema.$ref.replace('#/$defs/', '')]!;
  const params: Record<string, CatalogueParam> = {};
  for (const [field, property] of Object.entries(schema.properties ?? {})) {
    const rule = ruleOf(property);
    if (rule) params[field] = rule;
  }
  return params;
}

/** Maps the JSON Schema zod gives a field to a catalogue rule; fields of other shapes are left out. */
function ruleOf(property: JsonSchema): CatalogueParam | undefined {
  const range = (schema: JsonSchema) => ({
    ...(schema.minimum !== undefined ? { min: schema.minimum } : {}),
    ...(schema.maximum !== undefined ? { max: schema.maximum } : {}),
  });
  if (property.anyOf) {
    const kinds = property.anyOf;
    if (kinds.some((kind) => kind.type === 'boolean')) return { type: 'bool' };
    const pattern = kinds.find((kind) => kind.pattern)?.pattern;
    if (pattern)
      return { type: 'color', pattern, transparent: kinds.some((kind) => kind.const === 'transparent') };
    return undefined;
  }
  if (property.enum) return { type: 'enum', values: property.enum.map(String) };
  if (property.type === 'integer') return { type: 'int', ...range(property) };
  if (property.type === 'number') return { type: 'number', ...range(property) };
  if (property.type === 'boolean') return { type: 'bool' };
  if (property.type === 'string' && property.pattern)
    return { type: 'color', pattern: property.pattern, transparent: false };
  if (property.type === 'string')
    return { type: 'string', ...(property.maxLength !== undefined ? { max: property.maxLength } : {}) };
  return undefined;
}
