import type { CatalogSync } from '@pixport/shared';
import type { CatalogSyncRow } from '../db/entities/catalog-sync.entity.js';

export function toCatalogSync(row: CatalogSyncRow): CatalogSync {
  return {
    integration_id: row.integrationId,
    status: row.status,
    mode: row.mode,
    strategy: row.strategy,
    fetched: row.fetched,
    total: row.total,
    products: row.products,
    removed: row.removed,
    requested_at: row.requestedAt.toISOString(),
    started_at: row.startedAt?.toISOString() ?? null,
    finished_at: row.finishedAt?.toISOString() ?? null,
    last_success_at: row.lastSuccessAt?.toISOString() ?? null,
    error: row.error,
  };
}
