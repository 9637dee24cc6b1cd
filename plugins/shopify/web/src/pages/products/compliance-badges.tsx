import type { ComplianceMarketplace, ProductRow } from '../../../../server/src/api/contract.js';
import { marketplaceNames } from '../../format.js';
import { Badge, Stack } from '../../ui/index.js';

const order: ComplianceMarketplace[] = ['amazon', 'google', 'shopify'];
const words = { pass: 'passes', fail: 'fails', unknown: 'not checked yet' } as const;

/** One badge per marketplace: green passes, red fails, grey not checked yet (spelled out for screen readers). */
export function ComplianceBadges({ compliance }: { compliance: ProductRow['compliance'] }) {
  return (
    <Stack direction="row" gap="tight" wrap={false}>
      {order.map((marketplace) => {
        const verdict = compliance[marketplace];
        return (
          <Badge
            key={marketplace}
            tone={verdict === 'pass' ? 'success' : verdict === 'fail' ? 'critical' : 'neutral'}
            label={`${marketplaceNames[marketplace]}: ${words[verdict]}`}
          >
            {`${marketplaceNames[marketplace]} ${verdict === 'pass' ? '✓' : verdict === 'fail' ? '✗' : '?'}`}
          </Badge>
        );
      })}
    </Stack>
  );
}
