import { BlockStack, Box, Button, Text } from '@shopify/polaris';

/** An empty state that says what to do next, with the action that does it when there is one. */
export function EmptyNote({
  heading,
  children,
  action,
}: {
  heading: string;
  children?: React.ReactNode;
  action?: { content: string; onAction?: () => void; url?: string; disabled?: boolean };
}) {
  return (
    <Box paddingBlock="600" paddingInline="400">
      <BlockStack gap="200" inlineAlign="center">
        <Text as="h3" variant="headingSm" alignment="center">
          {heading}
        </Text>
        {children ? (
          <Text as="p" tone="subdued" alignment="center">
            {children}
          </Text>
        ) : null}
        {action ? (
          <Button onClick={action.onAction} url={action.url} disabled={action.disabled}>
            {action.content}
          </Button>
        ) : null}
      </BlockStack>
    </Box>
  );
}
