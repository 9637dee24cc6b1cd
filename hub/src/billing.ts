import type { OperationName } from '@pixport/shared';

// Billing: the domain tables of plans and prices (not configuration: an operator picks DEFAULT_PLAN, not
// the numbers). Services read them through here; config.ts only validates DEFAULT_PLAN against PLANS.

/**
 * Plans: the one table of plan numbers. An organization stores its plan's name; credits and
 * limits are read from here.
 */
export const PLANS = {
  free: { monthly_credits: 100, rate_limit_per_minute: 60, test_rate_limit_per_minute: 10 },
  starter: { monthly_credits: 2000, rate_limit_per_minute: 300, test_rate_limit_per_minute: 30 },
  pro: { monthly_credits: 20000, rate_limit_per_minute: 1200, test_rate_limit_per_minute: 60 },
  enterprise: { monthly_credits: 250000, rate_limit_per_minute: 6000, test_rate_limit_per_minute: 120 },
} as const;
export type PlanName = keyof typeof PLANS;

/**
 * Credits each operation costs: the one table of prices. Heavy operations (segmentation, OCR,
 * video) cost more than a fit or a check.
 */
export const OPERATION_CREDITS: Record<OperationName, number> = {
  process: 1,
  compliance: 1,
  gif: 1,
  upscale: 2,
  ocr: 2,
  'remove-background': 3,
  'backgrounds-generate': 3,
  'relight-shadow': 3,
  'gif-from-video': 5,
};

/** A plan's numbers by its stored name; an unknown name (a plan since removed) counts as `fallback`. */
export function planNumbers(name: string, fallback: PlanName = 'free'): (typeof PLANS)[PlanName] {
  return PLANS[name as PlanName] ?? PLANS[fallback];
}
