import { RUN_ITEM_STATUSES, type CatalogRun, type CatalogRunItem } from '@pixport/shared';
import type { CatalogRunItemRow, RunItemStatus } from '../db/entities/catalog-run-item.entity.js';
import type { CatalogRunRow } from '../db/entities/catalog-run.entity.js';

/** One line of a run's item tally: items in a status, how many of them were published and reused. */
export interface RunItemTally {
  status: RunItemStatus;
  count: string | number;
  published: string | number | null;
  reused: string | number | null;
}

/** A run on the wire, with its items counted by status (the tally from the database, one line per status). */
export function toCatalogRun(run: CatalogRunRow, rows: RunItemTally[]): CatalogRun {
  const counts = Object.fromEntries(RUN_ITEM_STATUSES.map((status) => [status, 0])) as Record<
    RunItemStatus,
    number
  >;
  let published = 0;
  let reused = 0;
  for (const row of rows) {
    counts[row.status] = Number(row.count);
    published += Number(row.published ?? 0);
    reused += Number(row.reused ?? 0);
  }
  return {
    id: run.id,
    integration_id: run.integrationId,
    operation: run.operation,
    params: run.params,
    preset: run.preset,
    preset_id: run.presetId ?? null,
    paused_reason: run.status === 'paused' ? (run.pausedReason ?? 'merchant') : null,
    images: run.images,
    publish: run.publish,
    replace: run.replace,
    status: run.status,
    counts: { total: Object.values(counts).reduce((sum, n) => sum + n, 0), ...counts, published, reused },
    error: run.error,
    created_at: run.createdAt.toISOString(),
    started_at: run.startedAt?.toISOString() ?? null,
    finished_at: run.finishedAt?.toISOString() ?? null,
  };
}

export function toRunItem(row: CatalogRunItemRow): CatalogRunItem {
  return {
    id: row.id,
    product_id: row.productId,
    image_id: row.imageId,
    image_url: row.imageUrl,
    alt: row.alt ?? null,
    variant_ids: row.variantIds ?? [],
    position: row.position,
    status: row.status,
    content_hash: row.contentHash,
    task_id: row.taskId,
    result_id: row.resultId,
    publish_id: row.publishId,
    reused: row.reused,
    published: row.published,
    error: row.error,
    updated_at: row.updatedAt.toISOString(),
  };
}
