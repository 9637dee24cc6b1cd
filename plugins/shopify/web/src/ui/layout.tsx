// The app's own layout components. Pages import these, never @shopify/polaris: Polaris React is in maintenance
// since Shopify moved to Polaris web components, and this folder is the one place a move would touch.
import {
  BlockStack,
  Box,
  Card as PolarisCard,
  InlineGrid,
  InlineStack,
  Layout,
  Page as PolarisPage,
  Text as PolarisText,
} from '@shopify/polaris';
import type { ReactNode } from 'react';

export interface PageAction {
  content: string;
  onAction: () => void;
  loading?: boolean;
  disabled?: boolean;
  destructive?: boolean;
}

export function Page({
  title,
  subtitle,
  back,
  primaryAction,
  secondaryActions,
  titleMetadata,
  children,
}: {
  title: string;
  subtitle?: string;
  back?: { label: string; onAction: () => void };
  primaryAction?: PageAction;
  secondaryActions?: PageAction[];
  titleMetadata?: ReactNode;
  children: ReactNode;
}) {
  return (
    <PolarisPage
      title={title}
      subtitle={subtitle}
      titleMetadata={titleMetadata}
      backAction={
        back ? { content: back.label, accessibilityLabel: back.label, onAction: back.onAction } : undefined
      }
      primaryAction={primaryAction ? { ...primaryAction } : undefined}
      secondaryActions={secondaryActions}
    >
      <BlockStack gap="400">{children}</BlockStack>
    </PolarisPage>
  );
}

/** Two columns on wide screens (main + aside), one on narrow ones. */
export function Columns({ children, aside }: { children: ReactNode; aside?: ReactNode }) {
  return (
    <Layout>
      <Layout.Section>
        <BlockStack gap="400">{children}</BlockStack>
      </Layout.Section>
      {aside ? (
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">{aside}</BlockStack>
        </Layout.Section>
      ) : null}
    </Layout>
  );
}

/** Equal columns: 1 on phones, `columns` from medium screens up. */
export function Grid({ columns, children }: { columns: 2 | 3 | 4; children: ReactNode }) {
  return (
    <InlineGrid columns={{ xs: 1, md: columns }} gap="400">
      {children}
    </InlineGrid>
  );
}

export function Card({
  title,
  headerAction,
  padding = true,
  children,
}: {
  title?: string;
  headerAction?: ReactNode;
  padding?: boolean;
  children: ReactNode;
}) {
  return (
    <PolarisCard padding={padding ? undefined : '0'}>
      <BlockStack gap="300">
        {title || headerAction ? (
          <Box paddingInline={padding ? undefined : '400'} paddingBlockStart={padding ? undefined : '400'}>
            <InlineStack align="space-between" blockAlign="center" gap="200">
              {title ? (
                <PolarisText as="h2" variant="headingMd">
                  {title}
                </PolarisText>
              ) : (
                <span />
              )}
              {headerAction}
            </InlineStack>
          </Box>
        ) : null}
        {children}
      </BlockStack>
    </PolarisCard>
  );
}

type Gap = 'none' | 'tight' | 'base' | 'loose';
const gaps = { none: '0', tight: '100', base: '200', loose: '400' } as const;

export function Stack({
  gap = 'base',
  direction = 'column',
  align,
  wrap = true,
  children,
}: {
  gap?: Gap;
  direction?: 'row' | 'column';
  align?: 'start' | 'center' | 'end' | 'space-between';
  wrap?: boolean;
  children: ReactNode;
}) {
  return direction === 'row' ? (
    <InlineStack gap={gaps[gap]} align={align} blockAlign="center" wrap={wrap}>
      {children}
    </InlineStack>
  ) : (
    <BlockStack gap={gaps[gap]} inlineAlign={align === 'space-between' ? undefined : align}>
      {children}
    </BlockStack>
  );
}

type Tone = 'subdued' | 'critical' | 'success' | 'caution';

export function Text({
  children,
  tone,
  size = 'md',
  strong,
  as = 'p',
  id,
}: {
  children: ReactNode;
  tone?: Tone;
  size?: 'sm' | 'md' | 'lg';
  strong?: boolean;
  as?: 'p' | 'span' | 'dd' | 'dt';
  id?: string;
}) {
  const variant = size === 'sm' ? 'bodySm' : size === 'lg' ? 'bodyLg' : 'bodyMd';
  return (
    <PolarisText as={as} id={id} variant={variant} tone={tone} fontWeight={strong ? 'semibold' : undefined}>
      {children}
    </PolarisText>
  );
}

export function Heading({ children, level = 2 }: { children: ReactNode; level?: 2 | 3 }) {
  return (
    <PolarisText as={level === 2 ? 'h2' : 'h3'} variant={level === 2 ? 'headingMd' : 'headingSm'}>
      {children}
    </PolarisText>
  );
}

/** A big number with its label, e.g. "Credits left 1,240". */
export function Stat({ label, value, help }: { label: string; value: ReactNode; help?: ReactNode }) {
  return (
    <BlockStack gap="100">
      <PolarisText as="h3" variant="headingSm" tone="subdued">
        {label}
      </PolarisText>
      <PolarisText as="p" variant="heading2xl">
        {value}
      </PolarisText>
      {help ? (
        <PolarisText as="p" variant="bodySm" tone="subdued">
          {help}
        </PolarisText>
      ) : null}
    </BlockStack>
  );
}

export function Inset({ children }: { children: ReactNode }) {
  return <Box padding="400">{children}</Box>;
}
