import { operationSpec, type OperationId, type Params } from './operations';

/**
 * The parameters the block sends for an operation: only that operation's fields, empty values
 * dropped, the operation's defaults (and the site's default preset) filling the gaps.
 */
export function paramsFor(operation: OperationId, params: Params, sitePreset?: string): Params {
  const spec = operationSpec(operation);
  if (!spec) throw new Error(`Unknown operation "${operation}"`);
  const defaults: Params = { ...spec.defaults };
  if (operation === 'process' && sitePreset) defaults.preset = sitePreset;
  const out: Params = {};
  for (const field of spec.fields) {
    const value = params[field.name] ?? defaults[field.name];
    if (value === undefined || value === '') continue;
    out[field.name] = value;
  }
  return out;
}

/** Client-side checks, so an obvious mistake is shown before a hub call (and a credit) is spent. */
export function validateParams(operation: OperationId, params: Params): string[] {
  const spec = operationSpec(operation);
  if (!spec) return [`Unknown operation "${operation}".`];
  const problems: string[] = [];
  for (const field of spec.fields) {
    const value = params[field.name];
    if (value === undefined || value === '') continue;
    switch (field.kind) {
      case 'number': {
        const number = typeof value === 'number' ? value : Number(value);
        if (!Number.isFinite(number) || number < field.min || number > field.max) {
          problems.push(`${field.label} must be between ${field.min} and ${field.max}.`);
        }
        break;
      }
      case 'color':
        if (typeof value !== 'string' || !new RegExp(field.pattern).test(value)) {
          problems.push(`${field.label} must be a hex colour like #ffffff.`);
        }
        break;
      case 'select':
        if (!field.options.some((option) => option.value === String(value))) {
          problems.push(
            `${field.label} must be one of ${field.options.map((option) => option.value || 'automatic').join(', ')}.`,
          );
        }
        break;
      case 'toggle':
        if (typeof value !== 'boolean') problems.push(`${field.label} must be on or off.`);
        break;
    }
  }
  return problems;
}
