import { SelectControl, TextControl, ToggleControl } from '@wordpress/components';
import type { FieldSpec, ParamValue } from './operations';

/** One inspector control for one operation field. */
export function FieldControl({
  field,
  value,
  onChange,
}: {
  field: FieldSpec;
  value: ParamValue | undefined;
  onChange: (value: ParamValue) => void;
}) {
  switch (field.kind) {
    case 'select':
      return (
        <SelectControl
          label={field.label}
          value={String(value ?? '')}
          options={field.options}
          onChange={(next: string) => onChange(next)}
          __nextHasNoMarginBottom
        />
      );
    case 'toggle':
      return (
        <ToggleControl
          label={field.label}
          checked={value === true}
          onChange={(next: boolean) => onChange(next)}
          __nextHasNoMarginBottom
        />
      );
    case 'number':
      return (
        <TextControl
          label={field.label}
          type="number"
          min={field.min}
          max={field.max}
          step={field.step}
          value={value === undefined ? '' : String(value)}
          onChange={(next: string) => onChange(next === '' ? '' : Number(next))}
          __nextHasNoMarginBottom
        />
      );
    case 'color':
      return (
        <TextControl
          label={field.label}
          placeholder="#ffffff"
          value={String(value ?? '')}
          onChange={(next: string) => onChange(next.trim())}
          __nextHasNoMarginBottom
        />
      );
  }
}
