import {
  Button as PolarisButton,
  ButtonGroup,
  Checkbox as PolarisCheckbox,
  Link as PolarisLink,
  ChoiceList,
  Select as PolarisSelect,
  TextField as PolarisTextField,
} from '@shopify/polaris';
import type { ReactNode } from 'react';

export function Button({
  children,
  onClick,
  variant = 'secondary',
  tone,
  loading,
  disabled,
  label,
  submit,
}: {
  children: string;
  onClick?: () => void;
  variant?: 'primary' | 'secondary' | 'plain' | 'tertiary';
  tone?: 'critical' | 'success';
  loading?: boolean;
  disabled?: boolean;
  /** Accessible name when the visible text is not enough (e.g. "Approve" per row). */
  label?: string;
  submit?: boolean;
}) {
  return (
    <PolarisButton
      onClick={onClick}
      variant={variant}
      tone={tone}
      loading={loading}
      disabled={disabled}
      accessibilityLabel={label}
      submit={submit}
    >
      {children}
    </PolarisButton>
  );
}

export function Buttons({ children }: { children: ReactNode }) {
  return <ButtonGroup>{children}</ButtonGroup>;
}

export function SearchField({
  label,
  value,
  onChange,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
}) {
  return (
    <PolarisTextField
      label={label}
      labelHidden
      type="search"
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      autoComplete="off"
      clearButton
      onClearButtonClick={() => onChange('')}
    />
  );
}

export interface Option {
  label: string;
  value: string;
}

export function SelectField({
  label,
  options,
  value,
  onChange,
  disabled,
  helpText,
}: {
  label: string;
  options: Option[];
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  helpText?: string;
}) {
  return (
    <PolarisSelect
      label={label}
      options={options}
      value={value}
      onChange={onChange}
      disabled={disabled}
      helpText={helpText}
    />
  );
}

export function Checkbox({
  label,
  checked,
  onChange,
  helpText,
  disabled,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  helpText?: string;
  disabled?: boolean;
}) {
  return (
    <PolarisCheckbox
      label={label}
      checked={checked}
      onChange={onChange}
      helpText={helpText}
      disabled={disabled}
    />
  );
}

export function RadioGroup({
  title,
  options,
  value,
  onChange,
}: {
  title: string;
  options: Array<Option & { helpText?: string }>;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <ChoiceList
      title={title}
      choices={options.map((option) => ({
        label: option.label,
        value: option.value,
        helpText: option.helpText,
      }))}
      selected={[value]}
      onChange={(selected) => onChange(selected[0]!)}
    />
  );
}

/** A link out of the app (the hub dashboard): a new tab, since the admin's iframe is no place for it. */
export function ExternalLink({ url, children }: { url: string; children: string }) {
  return (
    <PolarisLink url={url} target="_blank">
      {children}
    </PolarisLink>
  );
}
