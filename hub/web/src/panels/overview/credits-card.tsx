import { BlockStack, Card, InlineGrid, ProgressBar, SkeletonBodyText, Text } from '@shopify/polaris';
import type { Account } from '@pixport/shared';
import type { Loaded } from '../../api/use-load.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { formatNumber } from '../../components/format.js';
import { Table } from '../../components/table.js';
import { TimeText } from '../../components/time-text.js';

/** Credits left in the period, what running tasks hold, when they refill, the rate limits, and each operation's cost. */
export function CreditsCard({ account }: { account: Loaded<Account> }) {
  const data = account.data;
  const share =
    data && data.credits.monthly > 0
      ? Math.min(100, Math.round((data.credits.balance / data.credits.monthly) * 100))
      : 0;
  const low = data ? data.credits.balance < data.credits.low_threshold : false;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd" id="credits-heading">
          Credits
        </Text>
        <ErrorBanner error={account.error} title="The account could not load" />
        {!data ? (
          <SkeletonBodyText lines={3} />
        ) : (
          <BlockStack gap="300">
            <Text as="p" variant="headingLg">
              {`${formatNumber(data.credits.balance)} of ${formatNumber(data.credits.monthly)} left`}
            </Text>
            <ProgressBar
              progress={share}
              tone={low ? 'critical' : 'primary'}
              ariaLabelledBy="credits-heading"
            />
            <Text as="p" tone={low ? 'critical' : 'subdued'}>
              {low ? 'Below the low-credit threshold: subscribed webhooks got credits.low. ' : ''}
              {data.credits.reserved ? `${formatNumber(data.credits.reserved)} held by running tasks. ` : ''}
              Refills to {formatNumber(data.credits.monthly)} <TimeText value={data.credits.period_end} />{' '}
              (period started <TimeText value={data.credits.period_start} />
              ).
            </Text>
            <InlineGrid columns={{ xs: 1, sm: 3 }} gap="200">
              <Text as="p">{`Live keys: ${formatNumber(data.plan.rate_limit_per_minute)} requests/min each`}</Text>
              <Text as="p">{`Test keys: ${formatNumber(data.plan.test_rate_limit_per_minute)} requests/min, no credits spent`}</Text>
              <Text as="p">{`Results kept ${formatNumber(data.limits.results_retention_hours)} h`}</Text>
            </InlineGrid>
            <Table
              label="Credits per call"
              numeric={[false, true]}
              headings={['Operation', 'Credits per call']}
              rows={Object.entries(data.credits.costs).map(([operation, cost]) => [operation, cost])}
            />
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
