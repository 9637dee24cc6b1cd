import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppContext, AppMiddleware } from '../context.js';

/** Prometheus metrics of one app instance (its own registry, so several apps can share a process). */
export class HttpMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'pixport_http_requests_total',
    help: 'HTTP requests by route template, method and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'pixport_http_request_duration_seconds',
    help: 'HTTP request latency by route template, method and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'pixport_' });
  }

  middleware(): AppMiddleware {
    return async (ctx, next) => {
      const started = performance.now();
      try {
        await next();
      } finally {
        const labels = { method: ctx.method, route: routeLabel(ctx), status: String(ctx.status) };
        this.requests.inc(labels);
        this.duration.observe(labels, (performance.now() - started) / 1000);
      }
    };
  }
}

/** The matched route template (bounded label cardinality), never the raw path. */
function routeLabel(ctx: AppContext): string {
  return (ctx as AppContext & { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
}
