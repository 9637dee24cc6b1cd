import Router from '@koa/router';
import type { DataSource } from 'typeorm';
import type { AppState } from '../context.js';
import type { HttpMetrics } from '../middleware/metrics.js';
import type { BlobStore } from '../storage/blob-store.js';

/** Liveness, readiness (database answers, blob storage writable or reachable, with the reason when not) and Prometheus metrics. */
export function healthRoutes(db: DataSource, blobs: Pick<BlobStore, 'check'>, metrics: HttpMetrics) {
  const router = new Router<AppState>();

  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });

  router.get('/readyz', async (ctx) => {
    const [database, storage] = await Promise.all([check(() => db.query('SELECT 1')), check(() => blobs.check())]);
    const ready = database.status === 'ok' && storage.status === 'ok';
    ctx.status = ready ? 200 : 503;
    ctx.body = {
      status: ready ? 'ok' : 'unavailable',
      checks: { database: database.status, storage: storage.status },
      // The storage names why (no secrets: BlobStoreUnavailableError reasons); a database failure stays unnamed.
      ...(storage.reason ? { reasons: { storage: storage.reason } } : {}),
    };
  });

  router.get('/metrics', async (ctx) => {
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });
  return router;
}

async function check(probe: () => Promise<unknown>): Promise<{ status: 'ok' | 'failed'; reason?: string }> {
  try {
    await probe();
    return { status: 'ok' };
  } catch (error) {
    return { status: 'failed', reason: (error as { reason?: string }).reason };
  }
}
