// Home and usage: link state, plan and credits (from the hub), images processed this month, onboarding.
import type { DataSource } from 'typeorm';
import type { AppStatus, UsageView } from '../api/contract.js';
import type { Config } from '../config.js';
import { JobRow } from '../db/entities/job.entity.js';
import { ShopRow } from '../db/entities/shop.entity.js';
import type { HubGateway } from '../hub/hub-gateway.js';
import type { AutomationService } from './automation.service.js';
import type { ShopContexts } from './shop-context.js';

const day = (date: Date) => date.toISOString().slice(0, 10);

interface UsageByDayOperation {
  date: string;
  operation: string;
  requests: number;
  credits?: number;
}

export class StatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Pick<Config, 'hub'>,
    private readonly contexts: ShopContexts,
    private readonly gateway: HubGateway,
    private readonly automation: AutomationService,
  ) {}

  async status(shop: string): Promise<AppStatus> {
    const row = await this.dataSource.getRepository(ShopRow).findOneBy({ shop });
    const automation = await this.automation.get(shop);
    const firstJob = (row?.firstJobAt ?? null) !== null || (await this.dataSource.getRepository(JobRow).countBy({ shop })) > 0;
    const base = {
      shop,
      hub: { linked: !!row?.liveKeySealed && row.status === 'active', reachable: false, organization_id: row?.hubOrganizationId ?? null, dashboard_url: this.config.hub.dashboardUrl },
      plan: null,
      images_processed_this_month: 0,
      catalog: { products: 0, last_synced_at: null, sync: 'idle' as const },
      onboarding: { catalog_synced: false, first_job: firstJob, first_publish: !!row?.firstPublishAt },
      automation,
    };
    if (!base.hub.linked) return base;
    const { linked, hub } = await this.contexts.of(shop);
    const now = new Date();
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const [account, usage, integration] = await this.contexts.call(() =>
      Promise.all([hub.account(), hub.usage({ from: day(monthStart), to: day(now) }), hub.getIntegration(linked.integrationId)]),
    );
    const sync = integration.sync;
    return {
      ...base,
      hub: { ...base.hub, reachable: true },
      plan: { name: account.plan.name, credits_remaining: account.credits.balance, credits_reserved: account.credits.reserved, monthly_credits: account.plan.monthly_credits },
      images_processed_this_month: usage.by_operation.filter((entry) => entry.operation !== 'compliance').reduce((total, entry) => total + entry.requests - entry.errors, 0),
      catalog: {
        products: sync?.products ?? 0,
        last_synced_at: sync?.last_success_at ?? null,
        sync: !sync ? 'idle' : sync.status === 'failed' ? 'failed' : sync.status === 'succeeded' ? 'idle' : 'running',
      },
      onboarding: { ...base.onboarding, catalog_synced: !!sync?.last_success_at },
    };
  }

  async usage(shop: string, days: number): Promise<UsageView> {
    const { hub } = await this.contexts.of(shop);
    const to = new Date();
    const from = new Date(to.getTime() - (days - 1) * 86_400_000);
    const [account, usage] = await this.contexts.call(() => Promise.all([hub.account(), hub.usage({ from: day(from), to: day(to) })]));
    const detailed = (usage as { by_day_operation?: UsageByDayOperation[] }).by_day_operation;
    return {
      credits_remaining: account.credits.balance,
      credits_reserved: account.credits.reserved,
      plan: account.plan.name,
      by_day: detailed
        ? detailed.map((entry) => ({ date: entry.date, operation: entry.operation, requests: entry.requests, credits: entry.credits ?? 0 }))
        : usage.by_day.map((entry) => ({ date: entry.date, operation: 'all', requests: entry.requests, credits: 0 })),
      dashboard_url: this.config.hub.dashboardUrl,
    };
  }

  /** A one-time sign-in link to the full hub dashboard for this shop's organization. */
  async dashboardLink(shop: string): Promise<{ url: string; expires_at: string }> {
    await this.contexts.of(shop);
    const link = await this.gateway.dashboardLink(shop);
    if (!/^https?:\/\//.test(link.url)) return { ...link, url: `${this.config.hub.dashboardUrl}${link.url.startsWith('/') ? '' : '/'}${link.url}` };
    return link;
  }
}
