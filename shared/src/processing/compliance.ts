import { z } from 'zod';
import { booleanish } from './fields.js';
import { marketplaceName, type MarketplaceName } from './marketplaces.js';
import type { ProcessParamsInput } from './process.js';

/** `marketplace` takes one name, an array, or a comma-separated list. */
const marketplaceList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value),
  z.array(marketplaceName).min(1, { error: 'name at least one marketplace' }),
);

export const complianceParamsSchema = z
  .object({
    marketplace: marketplaceList,
    auto_fix: booleanish.optional(),
  })
  .meta({
    id: 'ComplianceParams',
    description: 'Check an image against marketplace rules; auto_fix returns a fixed image for the first marketplace.',
  });
export type ComplianceParamsInput = z.input<typeof complianceParamsSchema>;
export type ComplianceParams = z.output<typeof complianceParamsSchema>;

export type ComplianceSeverity = 'error' | 'warning';

export interface ComplianceRuleResult {
  rule: string;
  passed: boolean;
  severity: ComplianceSeverity;
  actual: string | number | boolean;
  expected: string;
  message: string;
}

export interface MarketplaceVerdict {
  marketplace: MarketplaceName;
  /** true when every `error` rule passes (warnings do not fail the verdict). */
  passed: boolean;
  rules: ComplianceRuleResult[];
  /** `process` parameters that make the image pass; null when it already passes. */
  fix: ProcessParamsInput | null;
}

export interface ComplianceReport {
  passed: boolean;
  marketplaces: MarketplaceVerdict[];
  measurements: Record<string, string | number | boolean>;
}
