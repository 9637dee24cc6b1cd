import { useState } from 'react';
import { BlockStack, Button, ButtonGroup, InlineStack } from '@shopify/polaris';
import { LANGUAGES, snippet, type Language, type SnippetInput } from './snippets.js';

/** The route's request in four languages, a pressed button choosing one, with a copy button. */
export function SnippetTabs({ input }: { input: SnippetInput }) {
  const [language, setLanguage] = useState<Language>('curl');
  const [copied, setCopied] = useState<Language>();
  const label = LANGUAGES.find((entry) => entry.id === language)!.label;
  const code = snippet(language, input);
  const copy = () =>
    navigator.clipboard.writeText(code).then(
      () => setCopied(language),
      () => setCopied(undefined),
    );
  return (
    <BlockStack gap="200">
      <ButtonGroup variant="segmented">
        {LANGUAGES.map((entry) => (
          <Button key={entry.id} pressed={entry.id === language} onClick={() => setLanguage(entry.id)}>
            {entry.label}
          </Button>
        ))}
      </ButtonGroup>
      <pre className="pxp-code" tabIndex={0} aria-label={`${label} example`}>
        {code}
      </pre>
      <InlineStack>
        <Button onClick={() => void copy()} accessibilityLabel={`Copy the ${label} example`}>
          {copied === language ? 'Copied' : 'Copy'}
        </Button>
      </InlineStack>
    </BlockStack>
  );
}
