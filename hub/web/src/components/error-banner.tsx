import { Banner, BlockStack, List, Text } from '@shopify/polaris';
import type { ErrorReport } from '../api/errors.js';

/** An API error as the hub reported it: its message, the code, field messages and the request id to quote. */
export function ErrorBanner({
  error,
  title,
  onDismiss,
}: {
  error: ErrorReport | undefined;
  title?: string;
  onDismiss?: () => void;
}) {
  if (!error) return null;
  return (
    <Banner tone="critical" title={title ?? error.message} onDismiss={onDismiss}>
      <BlockStack gap="100">
        {title ? <Text as="p">{error.message}</Text> : null}
        {error.fields?.length ? (
          <List type="bullet">
            {error.fields.map((field) => (
              <List.Item key={field.field + field.message}>
                <code>{field.field}</code>: {field.message}
              </List.Item>
            ))}
          </List>
        ) : null}
        <Text as="p" tone="subdued" variant="bodySm">
          {[error.status ? `HTTP ${error.status}` : null, error.code ? `code ${error.code}` : null]
            .filter(Boolean)
            .join(' · ')}
          {error.requestId ? (
            <>
              {error.status || error.code ? ' · ' : ''}request id{' '}
              <code data-testid="request-id">{error.requestId}</code>
            </>
          ) : null}
        </Text>
      </BlockStack>
    </Banner>
  );
}
