import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppMiddleware } from '../context.js';
import { FAVICON_ICO, FAVICON_SVG } from './favicon.js';

interface Asset {
  body: Buffer;
  etag: string;
  /** Pre-compressed variants written by the build, by content coding. */
  encoded: Partial<Record<'br' | 'gzip', Buffer>>;
}

const ENCODED_SUFFIX = { br: '.br', gzip: '.gz' } as const;
const CODINGS = ['br', 'gzip'] as const;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Scripts, styles and connections: this origin only. Images also from blob:/data: (previews) and marketplace hosts. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  // Product thumbnails come from the marketplaces' own hosts (catalog and publish activity).
  "img-src 'self' blob: data: https: http:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Pixport dashboard not built</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>The dashboard has not been built</h1><p>Run <code>npm run build</code> (or <code>npm start</code>, which builds
first) and reload. The API works without it: its contract is <a href="/api/v1/openapi">/api/v1/openapi</a>.</p></body></html>`;

/** The pages (revalidated on every load, under the CSP) and the files they are built from. */
const PAGES: Record<string, string> = { '/': 'index.html', '/index.html': 'index.html', '/docs': 'docs.html', '/docs/': 'docs.html' };
const FAVICONS: Record<string, { type: string; body: Buffer }> = {
  '/favicon.svg': { type: 'image/svg+xml', body: Buffer.from(FAVICON_SVG) },
  '/favicon.ico': { type: 'image/x-icon', body: FAVICON_ICO },
};

/**
 * Serves the built dashboard. `/` (and `/index.html`) must be revalidated on every load (`no-cache` + ETag),
 * so a new build is picked up at once; `/assets/<name>-<hash>.<ext>` never change under their name and are
 * cached for a year as immutable. Files are read once when the app is built; unknown paths fall through.
 */
export function dashboardAssets(dir: string): AppMiddleware {
  const pages = new Map(Object.entries(PAGES).map(([route, file]) => [route, readAsset(path.join(dir, file))]));
  const index = pages.get('/');
  const assets = new Map<string, Asset>();
  const assetDir = path.join(dir, 'assets');
  if (index && fs.existsSync(assetDir)) {
    for (const name of fs.readdirSync(assetDir)) {
      if (name.endsWith(ENCODED_SUFFIX.br) || name.endsWith(ENCODED_SUFFIX.gzip)) continue;
      const asset = readAsset(path.join(assetDir, name));
      if (asset) assets.set(`/assets/${name}`, asset);
    }
  }

  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    const favicon = FAVICONS[ctx.path];
    if (favicon) {
      // Every page and every browser asks for one (JSON routes included): a day's cache, never a 404.
      ctx.set('Cache-Control', 'public, max-age=86400');
      ctx.type = favicon.type;
      ctx.body = favicon.body;
      return;
    }
    const isPage = ctx.path in PAGES;
    const asset = isPage ? pages.get(ctx.path) : assets.get(ctx.path);
    if (isPage && !asset) {
      ctx.status = 503;
      ctx.type = 'html';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = NOT_BUILT;
      return;
    }
    if (!asset) return next();

    ctx.set('X-Content-Type-Options', 'nosniff');
    if (isPage) {
      ctx.set('Cache-Control', 'no-cache');
      ctx.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      ctx.set('X-Frame-Options', 'DENY');
      ctx.set('Referrer-Policy', 'no-referrer');
    } else {
      ctx.set('Cache-Control', IMMUTABLE);
    }
    ctx.type = isPage ? 'html' : path.extname(ctx.path);
    ctx.status = 200;
    ctx.set('ETag', asset.etag);
    if (Object.keys(asset.encoded).length > 0) ctx.vary('Accept-Encoding');
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    // Brotli first whatever order the browser lists them in: it is the smaller of the two.
    const coding = CODINGS.find(
      (candidate) => asset.encoded[candidate] && ctx.acceptsEncodings(candidate) === candidate,
    );
    if (coding) ctx.set('Content-Encoding', coding);
    ctx.body = coding ? asset.encoded[coding] : asset.body;
  };
}

function readAsset(file: string): Asset | undefined {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return undefined;
  const body = fs.readFileSync(file);
  const encoded: Asset['encoded'] = {};
  for (const [coding, suffix] of Object.entries(ENCODED_SUFFIX) as Array<['br' | 'gzip', string]>) {
    if (fs.existsSync(file + suffix)) encoded[coding] = fs.readFileSync(file + suffix);
  }
  const etag = `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, etag, encoded };
}
