import crypto from 'node:crypto';
import { In, MoreThan, type DataSource } from 'typeorm';
import { downloadImage } from '@pixport/marketplace';
import { CATALOG_COMPLIANCE_MARKETPLACES, type ComplianceVerdictValue } from '@pixport/shared';
import { CatalogImageCheckRow } from '../db/entities/catalog-image-check.entity.js';
import { CatalogItemRow } from '../db/entities/catalog-item.entity.js';
import { ImageVerdictRow } from '../db/entities/image-verdict.entity.js';
import { IntegrationRow } from '../db/entities/integration.entity.js';
import type { SsrfGuard } from '../lib/ssrf-guard.js';
import type { Logger } from '../logger.js';
import { checkCompliance, type ProcessingLimits } from '../processing/index.js';
import { COMPLIANCE_BITS } from './catalog-filters.js';
import type { SyncedImage } from './catalog-store.js';
import { failureOf } from './marketplace-error.js';

export interface CatalogComplianceJobData {
  organizationId: string;
  integrationId: string;
}

export interface ComplianceRunnerOptions {
  /** Images downloaded and checked at once (decoding is CPU and memory: keep it small). */
  concurrency: number;
  downloadTimeoutMs: number;
}

const BATCH = 100;
type Verdicts = Pick<ImageVerdictRow, 'amazon' | 'google' | 'shopify'>;
const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');

/**
 * The compliance check of a synced catalog (the `catalog-compliance` job, queued after every sync):
 * every image whose URL it has not checked yet is downloaded through the SSRF guard and checked with
 * the hub's own compliance rules against Amazon, Google Merchant Center and Shopify, once per content
 * hash (an image already seen under another URL or product reuses the verdicts). Each product's masks
 * are then written for the `fails` filter. Progress is the check rows themselves: a run that stopped
 * picks up where it was. It calls the processing code directly, never a task: it costs no credits.
 */
export class CatalogComplianceRunner {
  constructor(
    private readonly db: DataSource,
    private readonly ssrf: SsrfGuard,
    private readonly limits: ProcessingLimits,
    private readonly logger: Logger,
    private readonly options: ComplianceRunnerOptions,
  ) {}

  async run(
    { organizationId, integrationId }: CatalogComplianceJobData,
    heartbeat: () => Promise<unknown> = async () => undefined,
  ): Promise<{ checked: number; reused: number; failed: number }> {
    const stats = { checked: 0, reused: 0, failed: 0 };
    const integrations = this.db.getRepository(IntegrationRow);
    const exists = () => integrations.existsBy({ id: integrationId, organizationId });
    const integration = await integrations.findOne({
      where: { id: integrationId, organizationId },
      select: { id: true, marketplace: true },
    });
    if (!integration) return stats;
    let after = '';
    for (;;) {
      const items = await this.db.getRepository(CatalogItemRow).find({
        where: { integrationId, id: MoreThan(after) },
        select: { id: true, images: true, complianceFails: true, compliancePasses: true },
        order: { id: 'ASC' },
        take: BATCH,
      });
      if (items.length === 0) break;
      after = items.at(-1)!.id;
      const checks = new Map(
        (
          await this.db.getRepository(CatalogImageCheckRow).find({ where: { itemId: In(items.map((item) => item.id)) } })
        ).map((check) => [`${check.itemId}\n${check.imageId}`, check]),
      );
      const todo = items.flatMap((item) =>
        item.images
          .filter((image) => {
            const check = checks.get(`${item.id}\n${image.id}`);
            return !check || check.url !== image.url || check.error !== null;
          })
          .map((image) => ({ item, image })),
      );
      await pool(todo, this.options.concurrency, async ({ item, image }) => {
        const check = await this.checkImage(integration, item.id, image, stats);
        checks.set(`${item.id}\n${image.id}`, check);
      });
      // The integration went away meanwhile: what this run wrote goes too.
      if (!(await exists())) {
        await this.db.getRepository(CatalogImageCheckRow).delete({ integrationId });
        await this.db.getRepository(ImageVerdictRow).delete({ integrationId });
        return stats;
      }
      for (const item of items) {
        const masks = productMasks(item.images, (image) => {
          const check = checks.get(`${item.id}\n${image.id}`);
          return check && check.url === image.url ? check : undefined;
        });
        if (masks.fails !== item.complianceFails || masks.passes !== item.compliancePasses)
          await this.db
            .getRepository(CatalogItemRow)
            .update({ id: item.id }, { complianceFails: masks.fails, compliancePasses: masks.passes });
      }
      await heartbeat();
    }
    return stats;
  }

  private async checkImage(
    integration: Pick<IntegrationRow, 'id' | 'marketplace'>,
    itemId: string,
    image: SyncedImage,
    stats: { checked: number; reused: number; failed: number },
  ): Promise<CatalogImageCheckRow> {
    const row: CatalogImageCheckRow = {
      itemId,
      imageId: image.id.slice(0, 255),
      integrationId: integration.id,
      url: image.url,
      contentHash: null,
      amazon: 'unknown',
      google: 'unknown',
      shopify: 'unknown',
      error: null,
      checkedAt: new Date(),
    };
    try {
      const { data } = await downloadImage(integration.marketplace, image.url, {
        maxBytes: this.limits.maxInputBytes,
        timeoutMs: this.options.downloadTimeoutMs,
        httpAgent: this.ssrf.httpAgent,
        httpsAgent: this.ssrf.httpsAgent,
      });
      row.contentHash = sha256(data);
      const known = await this.db
        .getRepository(ImageVerdictRow)
        .findOneBy({ integrationId: integration.id, contentHash: row.contentHash });
      const verdicts = known ?? (await this.judge(integration.id, row.contentHash, data));
      if (known) stats.reused += 1;
      else stats.checked += 1;
      Object.assign(row, { amazon: verdicts.amazon, google: verdicts.google, shopify: verdicts.shopify });
    } catch (error) {
      const failure = failureOf(error, (unexpected) =>
        this.logger.error({ err: unexpected, item: itemId, image: image.id }, 'catalog image check failed'),
      );
      stats.failed += 1;
      row.error = failure.code.slice(0, 64);
    }
    // A copy: the upsert may write back into what it is given (MySQL).
    await this.db.getRepository(CatalogImageCheckRow).upsert({ ...row }, { conflictPaths: ['itemId', 'imageId'] });
    return row;
  }

  /** Checks new content against the three marketplaces and stores the verdicts by its hash. */
  private async judge(integrationId: string, contentHash: string, data: Buffer): Promise<Verdicts> {
    const report = await checkCompliance(data, [...CATALOG_COMPLIANCE_MARKETPLACES], this.limits);
    const verdicts = {} as Record<(typeof CATALOG_COMPLIANCE_MARKETPLACES)[number], ComplianceVerdictValue>;
    const failures: Record<string, string[]> = {};
    for (const verdict of report.marketplaces) {
      const name = verdict.marketplace as (typeof CATALOG_COMPLIANCE_MARKETPLACES)[number];
      verdicts[name] = verdict.passed ? 'pass' : 'fail';
      failures[name] = verdict.rules.filter((rule) => !rule.passed && rule.severity === 'error').map((rule) => rule.rule);
    }
    const row: ImageVerdictRow = { integrationId, contentHash, ...verdicts, failures, checkedAt: new Date() };
    await this.db.getRepository(ImageVerdictRow).upsert({ ...row }, { conflictPaths: ['integrationId', 'contentHash'] });
    return row;
  }
}

/**
 * A product's masks: a marketplace fails when an image it considers fails, passes when every one it
 * considers passed. Amazon's rules are main-image rules (pure white, 85 % fill): only the main image counts.
 */
export function productMasks(
  images: SyncedImage[],
  checkOf: (image: SyncedImage) => Verdicts | undefined,
): { fails: number; passes: number } {
  let fails = 0;
  let passes = 0;
  if (images.length === 0) return { fails, passes };
  const main = [...images].sort((a, b) => a.position - b.position)[0]!;
  for (const name of CATALOG_COMPLIANCE_MARKETPLACES) {
    const considered = name === 'amazon' ? [main] : images;
    const verdicts = considered.map((image) => checkOf(image)?.[name] ?? 'unknown');
    if (verdicts.includes('fail')) fails |= COMPLIANCE_BITS[name];
    else if (verdicts.every((verdict) => verdict === 'pass')) passes |= COMPLIANCE_BITS[name];
  }
  return { fails, passes };
}

/** Runs `work` over `items`, at most `limit` at once. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}
