import type { UsageReportBody, ValidateKeyResponse } from '@pixport/shared';
import { maskKey } from '../lib/api-key-format.js';
import type { KeyActivityTracker } from './key-activity.js';
import type { OrganizationService } from './organization.service.js';
import type { KeyPrincipal } from './principal.js';
import type { UsageService } from './usage.service.js';
import { keyRateLimit } from './rate-limiter.js';

/** The WordPress plugin's key validation and usage report, as the seed contract answers them. */
export class PluginService {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly usage: UsageService,
    private readonly activity: KeyActivityTracker,
    private readonly rateLimitScale = 1,
  ) {}

  async validate(principal: KeyPrincipal): Promise<ValidateKeyResponse> {
    const organization = await this.organizations.getRecent(principal.organizationId);
    const plan = this.organizations.plan(organization);
    return {
      valid: true,
      key: {
        prefix: principal.prefix,
        masked: maskKey(principal.prefix, principal.last4),
        mode: principal.mode,
        scopes: principal.scopes,
      },
      organization: { id: organization.id, name: organization.name },
      plan: {
        name: plan.name,
        credits_remaining: organization.creditsBalance,
        rate_limit_per_minute: keyRateLimit(plan.name, principal.mode, this.rateLimitScale),
      },
    };
  }

  report(principal: KeyPrincipal, input: UsageReportBody) {
    // Requests not yet written behind the response, this one included.
    const pending = this.activity.pendingRequests(principal.keyId) + 1;
    return this.usage.report(principal, input, pending);
  }
}
