import { Badge, BlockStack, Button, InlineGrid, InlineStack, Text } from '@shopify/polaris';
import type { KeySummary } from '@pixport/shared';
import { formatNumber, platformLabel } from '../../components/format.js';
import { TimeText } from '../../components/time-text.js';
import { scopeText } from './key-form.js';
import { ListRow, RowTitle } from '../../components/row-list.js';

const STATUS_TONE = { active: 'success', revoked: 'critical', expired: 'warning' } as const;

/** One masked key: what it can do, when and where it was last used, and its actions. */
export function KeyRow({
  apiKey,
  canManage,
  onRotate,
  onRevoke,
  onDelete,
}: {
  apiKey: KeySummary;
  canManage: boolean;
  onRotate: () => void;
  onRevoke: () => void;
  onDelete: () => void;
}) {
  const active = apiKey.status === 'active';
  return (
    <ListRow>
      <BlockStack gap="200">
        <RowTitle title={apiKey.name}>
          <Badge tone={STATUS_TONE[apiKey.status]} toneAndProgressLabelOverride="Status">
            {apiKey.status}
          </Badge>
          <Badge tone={apiKey.mode === 'live' ? 'info' : undefined} toneAndProgressLabelOverride="Mode">
            {apiKey.mode}
          </Badge>
        </RowTitle>
        <Text as="p" variant="bodyMd">
          <code className="pxp-break">{apiKey.masked}</code>
        </Text>
        <InlineGrid columns={{ xs: 1, sm: 2, lg: 4 }} gap="200">
          <Detail label="Scopes">{scopeText(apiKey.scopes)}</Detail>
          <Detail label="Created">
            <TimeText value={apiKey.created_at} />
            {apiKey.expires_at ? (
              <>
                {' · expires '}
                <TimeText value={apiKey.expires_at} />
              </>
            ) : null}
          </Detail>
          <Detail label="Last used">
            <TimeText value={apiKey.last_used_at} />
            {apiKey.last_used_at
              ? ` from ${apiKey.last_used_ip ?? 'unknown IP'} · ${platformLabel(apiKey.last_used_platform)}`
              : ''}
          </Detail>
          <Detail label="Requests">{formatNumber(apiKey.request_count)}</Detail>
        </InlineGrid>
        {canManage ? (
          <InlineStack gap="200" wrap>
            {active ? (
              <>
                <Button onClick={onRotate} accessibilityLabel={`Rotate ${apiKey.name} (${apiKey.masked})`}>
                  Rotate
                </Button>
                <Button
                  onClick={onRevoke}
                  tone="critical"
                  accessibilityLabel={`Revoke ${apiKey.name} (${apiKey.masked})`}
                >
                  Revoke
                </Button>
              </>
            ) : null}
            <Button
              onClick={onDelete}
              tone="critical"
              variant="plain"
              accessibilityLabel={`Delete ${apiKey.name} (${apiKey.masked})`}
            >
              Delete
            </Button>
          </InlineStack>
        ) : null}
      </BlockStack>
    </ListRow>
  );
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <BlockStack gap="0">
      <Text as="span" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="span" variant="bodyMd" breakWord>
        {children}
      </Text>
    </BlockStack>
  );
}
