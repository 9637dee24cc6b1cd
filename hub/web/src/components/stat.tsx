import { BlockStack, Card, Text } from '@shopify/polaris';

/** One figure with its label and a line saying what it counts; `plain` leaves out the card around it. */
export function Stat({
  label,
  value,
  help,
  plain,
}: {
  label: string;
  value: React.ReactNode;
  help?: string;
  plain?: boolean;
}) {
  const figure = (
    <BlockStack gap="100">
      <Text as="h3" variant="headingSm" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="headingLg">
        {value}
      </Text>
      {help ? (
        <Text as="p" variant="bodySm" tone="subdued">
          {help}
        </Text>
      ) : null}
    </BlockStack>
  );
  return plain ? figure : <Card>{figure}</Card>;
}
