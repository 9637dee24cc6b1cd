import { useRef, useState } from 'react';
import { Button, TextField } from '@shopify/polaris';

/**
 * A read-only field with a copy button. Falls back to selecting the text when the clipboard API is not
 * available (plain-http origins other than localhost), so the user can press Ctrl+C.
 */
export function CopyField({
  label,
  value,
  monospaced = true,
  helpText,
}: {
  label: string;
  value: string;
  monospaced?: boolean;
  helpText?: string;
}) {
  const [copied, setCopied] = useState<'copied' | 'select' | undefined>();
  const id = useRef(`copy-${Math.random().toString(36).slice(2)}`).current;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('copied');
    } catch {
      const input = document.getElementById(id) as HTMLInputElement | null;
      input?.focus();
      input?.select();
      setCopied('select');
    }
  };

  return (
    <TextField
      id={id}
      label={label}
      value={value}
      readOnly
      autoComplete="off"
      monospaced={monospaced}
      helpText={copied === 'select' ? 'Selected: press Ctrl+C (⌘C) to copy.' : helpText}
      connectedRight={
        <Button onClick={() => void copy()} accessibilityLabel={`Copy the ${label}`}>
          {copied === 'copied' ? 'Copied' : 'Copy'}
        </Button>
      }
    />
  );
}
