import type { Account } from '@pixport/shared';
import { OPERATION_CREDITS } from '../billing.js';
import type { Config } from '../config.js';
import { addMonths } from '../lib/time.js';
import { LOW_CREDITS_SHARE, type CreditService } from './credit.service.js';
import type { OrganizationService } from './organization.service.js';
import type { Principal } from './principal.js';
import { keyRateLimit } from './rate-limiter.js';

/** `GET /api/v1/account`: the organization's plan, credits and period, and the caller's limits. */
export class AccountService {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly credits: CreditService,
    private readonly config: Pick<Config, 'rateLimits' | 'uploadLimitBytes' | 'processingLimits' | 'resultsRetentionMs' | 'testKeyPreviewPixels'>,
  ) {}

  async get(principal: Principal): Promise<Account> {
    const organization = await this.organizations.get(principal.organizationId);
    const plan = this.organizations.plan(organization);
    const scale = this.config.rateLimits.scale;
    const mode = principal.kind === 'key' ? principal.mode : 'live';
    return {
      organization: { id: organization.id, name: organization.name },
      plan: {
        name: plan.name,
        monthly_credits: plan.monthly_credits,
        rate_limit_per_minute: keyRateLimit(plan.name, 'live', scale),
        test_rate_limit_per_minute: keyRateLimit(plan.name, 'test', scale),
      },
      credits: {
        balance: organization.creditsBalance,
        reserved: await this.credits.reservedOf(organization.id),
        monthly: plan.monthly_credits,
        low_threshold: Math.ceil(plan.monthly_credits * LOW_CREDITS_SHARE),
        period_start: organization.creditsPeriodStart.toISOString(),
        period_end: addMonths(organization.creditsPeriodStart, 1).toISOString(),
        costs: { ...OPERATION_CREDITS },
      },
      limits: {
        rate_limit_per_minute: keyRateLimit(plan.name, mode, scale),
        upload_bytes: this.config.uploadLimitBytes,
        max_input_megapixels: this.config.processingLimits.maxInputPixels / 1e6,
        results_retention_hours: this.config.resultsRetentionMs / 3600_000,
        test_key_preview_megapixels: this.config.testKeyPreviewPixels / 1e6,
      },
      key: principal.kind === 'key' ? { id: principal.keyId, mode: principal.mode, prefix: principal.prefix } : null,
    };
  }
}
