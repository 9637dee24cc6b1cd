// Automation: new or updated products are processed with the shop's chosen preset, into review or
// straight to publish. Loop-safe through FingerprintService.
import type { DataSource, Repository } from 'typeorm';
import type { AutomationSettings } from '../api/contract.js';
import { AutomationSettingRow } from '../db/entities/automation-setting.entity.js';
import type { TaskQueue } from '../worker/task-queue.js';
import { RetryLater } from '../worker/task-queue.js';
import type { CatalogService } from './catalog.service.js';
import type { FingerprintService } from './fingerprint.service.js';
import type { JobsService } from './jobs.service.js';
import type { ShopContexts } from './shop-context.js';

const DEFAULTS: AutomationSettings = { enabled: false, preset_id: null, mode: 'review' };

/** The media ids of a products/* webhook payload (GraphQL ids: what the hub's catalog uses). */
export function mediaIdsOf(payload: Record<string, unknown>): string[] {
  const media = Array.isArray(payload.media) ? payload.media : Array.isArray(payload.images) ? payload.images : [];
  return media
    .map((entry) => (entry as { admin_graphql_api_id?: unknown }).admin_graphql_api_id)
    .filter((id): id is string => typeof id === 'string');
}

export class AutomationService {
  private readonly settings: Repository<AutomationSettingRow>;

  constructor(
    dataSource: DataSource,
    private readonly contexts: ShopContexts,
    private readonly catalog: CatalogService,
    private readonly fingerprints: FingerprintService,
    private readonly queue: TaskQueue,
    private readonly jobs: () => JobsService,
  ) {
    this.settings = dataSource.getRepository(AutomationSettingRow);
  }

  async get(shop: string): Promise<AutomationSettings> {
    const row = await this.settings.findOneBy({ shop });
    return row ? { enabled: row.enabled, preset_id: row.presetId, mode: row.mode } : DEFAULTS;
  }

  async put(shop: string, settings: AutomationSettings): Promise<AutomationSettings> {
    if (settings.preset_id) await this.catalog.presetName(shop, settings.preset_id);
    await this.settings.save({ shop, enabled: settings.enabled, presetId: settings.preset_id, mode: settings.mode, updatedAt: new Date() });
    return this.get(shop);
  }

  /** products/create | products/update: answers what it did (kept on the webhook event). */
  async onProductChange(shop: string, payload: Record<string, unknown>): Promise<string> {
    const settings = await this.get(shop);
    const productId = typeof payload.admin_graphql_api_id === 'string' ? payload.admin_graphql_api_id : null;
    if (!productId) return 'no product id: ignored';
    const media = mediaIdsOf(payload);
    const unknown = await this.fingerprints.unknownMedia(shop, productId, media);
    if (unknown.length === 0) return 'no new media (the app’s own change or nothing to do): skipped';
    if (!settings.enabled || !settings.preset_id) {
      // Remember what the product looks like, so turning automation on later does not replay old updates.
      await this.fingerprints.remember(shop, productId, media);
      return 'automation off: recorded';
    }
    await this.fingerprints.remember(shop, productId, media);
    const { linked, hub } = await this.contexts.of(shop);
    await this.contexts.call(() => hub.syncIntegration(linked.integrationId));
    await this.queue.enqueue(shop, 'automation-run', { product_id: productId, preset_id: settings.preset_id, mode: settings.mode, attempts: 0 }, 500);
    return `new media ${unknown.length}: queued processing with ${settings.preset_id}`;
  }

  /** Worker: once the hub's sync has the product, a job over it. */
  async runQueued(shop: string, payload: { product_id: string; preset_id: string; mode: 'review' | 'publish' }): Promise<string> {
    const { linked, hub } = await this.contexts.of(shop);
    const integration = await this.contexts.call(() => hub.getIntegration(linked.integrationId));
    if (integration.sync && (integration.sync.status === 'queued' || integration.sync.status === 'running')) throw new RetryLater(500, 'waiting for the catalog sync');
    const job = await this.jobs().create(shop, { preset_id: payload.preset_id, selection: { product_ids: [payload.product_id] }, images: 'all', auto_publish: payload.mode === 'publish' }, 'automation');
    return `job ${job.id}`;
  }
}
