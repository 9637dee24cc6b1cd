import { Box, InlineStack, Text, type BoxProps } from '@shopify/polaris';

const PLAIN_LIST = { listStyle: 'none', margin: 0, padding: 0 } as const;

/** A list without bullets, named for assistive technology (“Tasks”, “Publish activity”); its rows are `ListRow`s. */
export function RowList({
  label,
  ordered = false,
  children,
}: {
  label: string;
  /** Newest-first logs are ordered lists. */
  ordered?: boolean;
  children: React.ReactNode;
}) {
  return ordered ? (
    <ol aria-label={label} style={PLAIN_LIST}>
      {children}
    </ol>
  ) : (
    <ul aria-label={label} style={PLAIN_LIST}>
      {children}
    </ul>
  );
}

/** One row of a `RowList`, ruled off from the one above; lists of many short rows pass a smaller padding. */
export function ListRow({
  padding = '400',
  paddingInline,
  children,
}: {
  padding?: BoxProps['padding'];
  paddingInline?: BoxProps['paddingInline'];
  children: React.ReactNode;
}) {
  return (
    <Box
      as="li"
      padding={padding}
      paddingInline={paddingInline}
      borderBlockStartWidth="025"
      borderColor="border-secondary"
    >
      {children}
    </Box>
  );
}

/** A row's first line: its name as a heading, then its badges. */
export function RowTitle({
  title,
  breakWord = false,
  children,
}: {
  title: React.ReactNode;
  breakWord?: boolean;
  children?: React.ReactNode;
}) {
  return (
    <InlineStack gap="200" blockAlign="center" wrap>
      <Text as="h3" variant="headingSm" breakWord={breakWord}>
        {title}
      </Text>
      {children}
    </InlineStack>
  );
}
