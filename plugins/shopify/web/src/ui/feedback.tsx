import {
  Badge as PolarisBadge,
  Banner as PolarisBanner,
  BlockStack,
  Box,
  Button,
  List,
  ProgressBar,
  SkeletonBodyText,
  Spinner,
  Text,
} from '@shopify/polaris';
import type { ReactNode } from 'react';
import type { ErrorReport } from '../api/errors.js';

export type BadgeTone = 'success' | 'critical' | 'warning' | 'info' | 'attention' | 'new' | 'neutral';

export function Badge({
  tone = 'neutral',
  children,
  label,
}: {
  tone?: BadgeTone;
  children: string;
  label?: string;
}) {
  return (
    <span aria-label={label} title={label}>
      <PolarisBadge tone={tone === 'neutral' ? undefined : tone}>{children}</PolarisBadge>
    </span>
  );
}

export function Banner({
  tone = 'info',
  title,
  children,
  action,
  onDismiss,
}: {
  tone?: 'info' | 'success' | 'warning' | 'critical';
  title: string;
  children?: ReactNode;
  action?: { content: string; onAction: () => void; loading?: boolean };
  onDismiss?: () => void;
}) {
  return (
    <PolarisBanner tone={tone} title={title} action={action} onDismiss={onDismiss}>
      {children}
    </PolarisBanner>
  );
}

/**
 * A failed call as the server reported it: the message, field messages, the code, and the request ids to quote
 * (the app's and, when the hub answered, the hub's). Never a blank page.
 */
export function ErrorBanner({
  error,
  title,
  onRetry,
  onDismiss,
}: {
  error: ErrorReport | undefined;
  title?: string;
  onRetry?: () => void;
  onDismiss?: () => void;
}) {
  if (!error) return null;
  const facts = [
    error.status ? `HTTP ${error.status}` : null,
    error.code ? `code ${error.code}` : null,
  ].filter(Boolean);
  return (
    // Polaris gives a critical banner role="alert": screen readers announce it when it appears.
    <PolarisBanner
      tone="critical"
      title={title ?? error.message}
      onDismiss={onDismiss}
      action={onRetry ? { content: 'Try again', onAction: onRetry } : undefined}
    >
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
        {facts.length || error.requestId || error.hubRequestId ? (
          <Text as="p" tone="subdued" variant="bodySm">
            {facts.join(' · ')}
            {error.requestId ? (
              <>
                {facts.length ? ' · ' : ''}request id <code data-testid="request-id">{error.requestId}</code>
              </>
            ) : null}
            {error.hubRequestId ? (
              <>
                {' '}
                · hub request id <code data-testid="hub-request-id">{error.hubRequestId}</code>
              </>
            ) : null}
          </Text>
        ) : null}
      </BlockStack>
    </PolarisBanner>
  );
}

export function Progress({ value, label }: { value: number; label: string }) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(value)}
    >
      <ProgressBar progress={Math.max(0, Math.min(100, value))} size="small" />
    </div>
  );
}

/** Placeholder lines while a card's data loads, announced to screen readers. */
export function Loading({ label, lines = 3 }: { label: string; lines?: number }) {
  return (
    <div role="status" aria-label={label}>
      <SkeletonBodyText lines={lines} />
    </div>
  );
}

export function InlineSpinner({ label }: { label: string }) {
  return <Spinner size="small" accessibilityLabel={label} />;
}

/** A list with nothing in it yet: what it is, and the one thing to do about it. */
export function Empty({
  heading,
  children,
  action,
}: {
  heading: string;
  children?: ReactNode;
  action?: { content: string; onAction: () => void };
}) {
  return (
    <Box padding="800">
      <BlockStack gap="300" inlineAlign="center">
        <Text as="h3" variant="headingMd" alignment="center">
          {heading}
        </Text>
        {children ? (
          <Text as="p" tone="subdued" alignment="center">
            {children}
          </Text>
        ) : null}
        {action ? (
          <Button variant="primary" onClick={action.onAction}>
            {action.content}
          </Button>
        ) : null}
      </BlockStack>
    </Box>
  );
}
