import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { verifyIdToken } from '../session-token.js';
import { sandboxCatalog, type StoreProduct } from './catalog.js';
import { productSvg } from './images.js';
import { JobEngine } from './jobs.js';
import { apiRoutes, type RouteState } from './routes.js';
import { Problem, sendProblem } from './http-util.js';

/**
 * A small app server for the pages' tests, implementing plugins/shopify/server/src/api/contract.ts in memory
 * with honest behaviour: session tokens verified (HS256, aud, exp/nbf; 401 + X-Shopify-Retry-Invalid-Session-Request),
 * problem+json errors with request ids, a catalog that appears only after a sync that takes time, jobs that
 * process over ticks, charge credits once per image, pause when credits run out and resume when they return,
 * publish and restore. It does not model Shopify's or the hub's own failures beyond the switches below
 * (`hubDown`, `deleteProduct`), nor real image processing (images are generated SVGs).
 */
export interface TestAppServerOptions {
  apiKey?: string;
  secret?: string;
  shop?: string;
  products?: number;
  credits?: number;
  /** Milliseconds between processing steps (0: only `tick()` moves jobs). */
  tickMs?: number;
  /** Items started per job per step. */
  batch?: number;
  /** Serve this built web/dist at / (for the browser tests). */
  distDir?: string;
}

export interface TestAppServer {
  url: string;
  apiKey: string;
  secret: string;
  shop: string;
  store: StoreProduct[];
  engine: JobEngine;
  ledger: { credits_remaining: number; credits_reserved: number };
  /** Requests seen, for assertions on headers (method, path, authorization). */
  requests: Array<{ method: string; path: string; authorization: string | undefined; status: number }>;
  tick(): void;
  /** One-time dashboard links handed out. */
  dashboardLinks(): number;
  addCredits(credits: number): void;
  deleteProduct(id: string): void;
  setHubDown(down: boolean): void;
  close(): Promise<void>;
}

export async function startTestAppServer(options: TestAppServerOptions = {}): Promise<TestAppServer> {
  const apiKey = options.apiKey ?? 'test-api-key';
  const secret = options.secret ?? 'test-app-secret-of-at-least-32-characters';
  const shop = options.shop ?? 'pixport-sandbox.myshopify.com';
  const signingKey = crypto.randomBytes(32);
  const shopProducts = sandboxCatalog(options.products ?? 50);
  const state: RouteState = {
    synced: [],
    sync: {
      status: 'idle',
      fetched: 0,
      started_at: null,
      finished_at: null,
      error: null,
    },
    hubDown: false,
    dashboardLinks: 0,
    automation: { enabled: false, preset_id: null, mode: 'review' },
  };
  const usage: Array<{ date: string; operation: string; requests: number; credits: number }> = [];
  const ledger = {
    credits_remaining: options.credits ?? 500,
    credits_reserved: 0,
    reserve(credits: number) {
      ledger.credits_remaining -= credits;
      ledger.credits_reserved += credits;
    },
    settle(operation: string, credits: number) {
      ledger.credits_reserved -= credits;
      logUsage(operation, credits);
    },
    release(credits: number) {
      ledger.credits_reserved -= credits;
      ledger.credits_remaining += credits;
    },
  };
  const logUsage = (operation: string, credits: number) => {
    const date = new Date().toISOString().slice(0, 10);
    const entry = usage.find((u) => u.date === date && u.operation === operation);
    if (entry) {
      entry.requests++;
      entry.credits += credits;
    } else usage.push({ date, operation, requests: 1, credits });
  };

  const sign = (p: string) =>
    crypto.createHmac('sha256', signingKey).update(p).digest('base64url').slice(0, 22);
  const imageUrl = (imageId: string, kind: 'before' | 'after', itemId?: string) => {
    const p = `/images/${kind}/${encodeURIComponent(imageId)}${itemId ? `/${itemId}` : ''}.svg`;
    return `${p}?sig=${sign(p)}`;
  };
  const engine = new JobEngine(ledger, () => shopProducts, imageUrl);
  const requests: TestAppServer['requests'] = [];

  const routes = apiRoutes({ state, shop, ledger, usage, logUsage, imageUrl, engine });

  const server = http.createServer(async (req, res) => {
    const requestId = `req_${crypto.randomBytes(8).toString('hex')}`;
    res.setHeader('X-Request-Id', requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const log = {
      method: req.method ?? 'GET',
      path: url.pathname,
      authorization: req.headers.authorization,
      status: 200,
    };
    requests.push(log);
    res.on('finish', () => (log.status = res.statusCode));
    try {
      if (url.pathname.startsWith('/images/')) return serveImage(url, res);
      if (!url.pathname.startsWith('/api/')) return serveStatic(url, res);
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const verified = token ? verifyIdToken(token, { apiKey, secret }) : { error: 'no session token' };
      if ('error' in verified) {
        res.setHeader('X-Shopify-Retry-Invalid-Session-Request', '1');
        throw new Problem(401, 'unauthenticated', `Session token refused: ${verified.error}.`);
      }
      if (verified.shop !== shop)
        throw new Problem(403, 'forbidden', 'This app is not installed on that shop.');
      const route = routes.find(([method, pattern]) => method === req.method && pattern.test(url.pathname));
      if (!route) {
        const other = routes.some(([, pattern]) => pattern.test(url.pathname));
        throw new Problem(
          other ? 405 : 404,
          other ? 'method_not_allowed' : 'not_found',
          other ? 'Method not allowed.' : 'No such route.',
        );
      }
      const params = route[1]
        .exec(url.pathname)!
        .slice(1)
        .map((p) => decodeURIComponent(p));
      const answer = await route[2](req, url, params);
      const [status, body] = Array.isArray(answer) ? answer : [200, answer];
      res.writeHead(status as number, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    } catch (caught) {
      sendProblem(res, caught, requestId);
    }
  });

  const serveImage = (url: URL, res: http.ServerResponse) => {
    const m = /^\/images\/(before|after)\/([^/]+?)(?:\/([^/]+))?\.svg$/.exec(url.pathname);
    if (!m || url.searchParams.get('sig') !== sign(url.pathname))
      throw new Problem(403, 'forbidden', 'Bad image signature.');
    const imageId = decodeURIComponent(m[2]!);
    const product = shopProducts.find((p) => p.images.some((i) => i.id === imageId));
    res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'private, max-age=3600' });
    res.end(productSvg(imageId, m[1] as 'before' | 'after', `${product?.title ?? 'Product'} ${m[1]}`));
  };
  const serveStatic = (url: URL, res: http.ServerResponse) => {
    const dist = options.distDir;
    if (!dist) throw new Problem(404, 'not_found', 'No such page.');
    const file = path.join(dist, path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
    if (
      url.pathname.startsWith('/assets/') &&
      file.startsWith(dist) &&
      fs.existsSync(file) &&
      fs.statSync(file).isFile()
    ) {
      const type = file.endsWith('.js')
        ? 'text/javascript'
        : file.endsWith('.css')
          ? 'text/css'
          : 'application/octet-stream';
      const headers = {
        'Content-Type': type,
        'Cache-Control': 'public, max-age=31536000, immutable',
        Vary: 'Accept-Encoding',
      };
      // The build's compressed copies, as the app server sends them.
      const accepts = String(res.req.headers['accept-encoding'] ?? '');
      for (const [encoding, suffix] of [
        ['br', '.br'],
        ['gzip', '.gz'],
      ] as const)
        if (accepts.includes(encoding) && fs.existsSync(file + suffix)) {
          res.writeHead(200, { ...headers, 'Content-Encoding': encoding });
          return res.end(fs.readFileSync(file + suffix));
        }
      res.writeHead(200, headers);
      return res.end(fs.readFileSync(file));
    }
    // Every app path gets the page (client-side routing), with the API key App Bridge reads and the CSP Shopify asks for.
    const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8').replace('%SHOPIFY_API_KEY%', apiKey);
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `frame-ancestors https://${shop} https://admin.shopify.com;`,
    });
    res.end(html);
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const tick = () => {
    const { sync } = state;
    if (sync.status === 'running') {
      sync.fetched = Math.min(shopProducts.length, sync.fetched + 20);
      if (sync.fetched >= shopProducts.length) {
        state.synced = shopProducts.filter((p) => !p.deleted);
        state.sync = { ...sync, status: 'succeeded', finished_at: new Date().toISOString() };
      }
    }
    if (!state.hubDown) engine.tick(options.batch ?? 5);
  };
  const timer = options.tickMs === 0 ? undefined : setInterval(tick, options.tickMs ?? 150);

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    secret,
    shop,
    store: shopProducts,
    engine,
    ledger,
    requests,
    tick,
    dashboardLinks: () => state.dashboardLinks,
    addCredits: (credits) => (ledger.credits_remaining += credits),
    deleteProduct: (id) => {
      const product = shopProducts.find((p) => p.id === id);
      if (product) product.deleted = true;
    },
    setHubDown: (down) => (state.hubDown = down),
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
