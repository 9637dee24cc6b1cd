import fs from 'node:fs/promises';
import path from 'node:path';
import Router from '@koa/router';
import type { DataSource } from 'typeorm';
import type { AppState } from '../context.js';
import type { HttpMetrics } from '../middleware/metrics.js';

/** Liveness, readiness (database answers, blob directory writable) and Prometheus metrics. */
export function healthRoutes(db: DataSource, blobDir: string, metrics: HttpMetrics) {
  const router = new Router<AppState>();

  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });

  router.get('/readyz', async (ctx) => {
    const [database, storage] = await Promise.all([
      check(() => db.query('SELECT 1')),
      check(async () => {
        await fs.mkdir(blobDir, { recursive: true });
        const probe = path.join(blobDir, `.ready-${process.pid}-${Date.now()}`);
        await fs.writeFile(probe, 'ok');
        await fs.rm(probe);
      }),
    ]);
    const ready = database === 'ok' && storage === 'ok';
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ok' : 'unavailable', checks: { database, storage } };
  });

  router.get('/metrics', async (ctx) => {
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });
  return router;
}

async function check(probe: () => Promise<unknown>): Promise<'ok' | 'failed'> {
  try {
    await probe();
    return 'ok';
  } catch {
    return 'failed';
  }
}
