// Loop-safety of automation. The app's own media changes (a publish replaces an image, a restore puts one
// back) come back as products/update webhooks; they must not start processing again. Per product the app
// keeps the media ids it has handled (processed originals, images it published, the product's media at
// that moment); an update whose media are all known is the app's own, and is skipped.
import { createHash } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import { ProductFingerprintRow } from '../db/entities/product-fingerprint.entity.js';
import type { CatalogService } from './catalog.service.js';
import type { ShopContext } from './shop-context.js';

const MAX_KNOWN = 500;

export const fingerprintOf = (mediaIds: string[]) => createHash('sha256').update([...mediaIds].sort().join('\n')).digest('hex');

export class FingerprintService {
  private readonly rows: Repository<ProductFingerprintRow>;

  constructor(dataSource: DataSource, private readonly catalog: CatalogService) {
    this.rows = dataSource.getRepository(ProductFingerprintRow);
  }

  /** Media ids of the update the app has not handled yet (empty: the app's own change). */
  async unknownMedia(shop: string, productId: string, mediaIds: string[]): Promise<string[]> {
    const row = await this.rows.findOneBy({ shop, productId });
    if (!row) return mediaIds;
    if (row.fingerprint === fingerprintOf(mediaIds)) return [];
    const known = new Set(row.knownMediaIds);
    return mediaIds.filter((id) => !known.has(id));
  }

  async remember(shop: string, productId: string, mediaIds: string[]): Promise<void> {
    const row = await this.rows.findOneBy({ shop, productId });
    const known = [...new Set([...(row?.knownMediaIds ?? []), ...mediaIds])].slice(-MAX_KNOWN);
    await this.rows.save({ shop, productId, knownMediaIds: known, fingerprint: fingerprintOf(mediaIds), updatedAt: new Date() });
  }

  /** After the app published or restored: the new image, the replaced one, and the product's media now. */
  async recordPublished(context: ShopContext, productId: string, mediaIds: string[]): Promise<void> {
    let current: string[] = [];
    try {
      current = (await this.catalog.product(context, productId))?.images.map((image) => image.id) ?? [];
    } catch {
      // The catalog is a help here, not a need: the ids of the publish itself are enough to recognise it.
    }
    const row = await this.rows.findOneBy({ shop: context.linked.shop, productId });
    const known = [...new Set([...(row?.knownMediaIds ?? []), ...current, ...mediaIds])].slice(-MAX_KNOWN);
    await this.rows.save({ shop: context.linked.shop, productId, knownMediaIds: known, fingerprint: row?.fingerprint ?? fingerprintOf(current), updatedAt: new Date() });
  }
}
