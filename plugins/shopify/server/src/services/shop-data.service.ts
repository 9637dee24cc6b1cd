// What the app holds about a shop, and its erasure (shop/redact): every row of every app table.
import type { DataSource } from 'typeorm';
import { AppTaskRow } from '../db/entities/app-task.entity.js';
import { AutomationSettingRow } from '../db/entities/automation-setting.entity.js';
import { JobItemRow } from '../db/entities/job-item.entity.js';
import { JobRow } from '../db/entities/job.entity.js';
import { ProductFingerprintRow } from '../db/entities/product-fingerprint.entity.js';
import { SessionRow } from '../db/entities/session.entity.js';
import { ShopRow } from '../db/entities/shop.entity.js';
import { WebhookEventRow } from '../db/entities/webhook-event.entity.js';

const SHOP_TABLES = [SessionRow, JobItemRow, JobRow, AppTaskRow, AutomationSettingRow, ProductFingerprintRow, WebhookEventRow, ShopRow] as const;

export class ShopDataService {
  constructor(private readonly dataSource: DataSource) {}

  /** Rows per table for the shop (customers/data_request answers from this; tests check erasure with it). */
  async inventory(shop: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const entity of SHOP_TABLES) counts[this.dataSource.getMetadata(entity).tableName] = await this.dataSource.getRepository(entity).countBy({ shop });
    return counts;
  }

  async erase(shop: string): Promise<void> {
    for (const entity of SHOP_TABLES) await this.dataSource.getRepository(entity).delete({ shop });
  }

  /** After app/uninstalled: sessions gone, keys wiped, queued work of the shop dropped. */
  async uninstall(shop: string): Promise<void> {
    const now = new Date();
    await this.dataSource.getRepository(SessionRow).delete({ shop });
    await this.dataSource.getRepository(ShopRow).update({ shop }, { status: 'uninstalled', liveKeySealed: null, testKeySealed: null, uninstalledAt: now, updatedAt: now });
    await this.dataSource.getRepository(AppTaskRow).update({ shop, status: 'queued' }, { status: 'failed', outcome: 'app uninstalled' });
    await this.dataSource.getRepository(AutomationSettingRow).update({ shop }, { enabled: false, updatedAt: now });
  }
}
