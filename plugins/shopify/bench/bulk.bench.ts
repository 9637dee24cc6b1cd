/* eslint-disable no-restricted-imports -- sharp only makes the benchmark's input photos */
// `npm run bench -w plugins/shopify` (this part: `tsx bench/bulk.bench.ts [products]`): a bulk job through the
// whole stack — the Shopify sandbox with Shopify's cost throttle (100 points/s restore, 1000-point bucket), a real
// hub process, the app server — over N products × 2 images: sync → process → publish (auto-publish job), as
// images per second end to end, against the hub's own POST /api/v1/process throughput measured in the same run.
import os from 'node:os';
import sharp from 'sharp';
import { HubClient } from '@pixport/shared';
import { startAppStack } from '../server/src/test-support/app-stack.js';
import { benchResult, sized } from '../../../bench/lib/result.js';

// 50 products by default: at ~80 points per published image the throttle makes 1,000 products a 27-minute run.
const products = Number(process.argv[2] ?? sized(50, 4));
const out = benchResult('shopify-bulk', 'Shopify app: bulk job end to end', `npm run bench -w plugins/shopify (bulk: ${products} products)`);
const baselineImages = Math.min(200, products * 2);
const CONCURRENCY = 4;

const stack = await startAppStack({
  sandbox: { products, restoreRate: 100, bucketSize: 1000, mediaProcessingMs: 20 },
  hubEnv: { DEFAULT_PLAN: 'enterprise' },
  appEnv: { LOG_LEVEL: 'warn' },
  runWorker: true,
});
console.log(`${products} products × 2 images, ${os.cpus().length} CPUs, node ${process.version}`);

// Two distinct 1200×1200 product photos per product (distinct bytes: the hub does not reuse results).
const store = stack.sandbox.state.store;
const base = stack.sandbox.url;
let index = 0;
const photo = (n: number) =>
  sharp({ create: { width: 1200, height: 1200, channels: 3, background: { r: 235, g: 235, b: 228 } } })
    .composite([{ input: { create: { width: 500 + (n % 200), height: 600, channels: 3, background: { r: (n * 37) % 256, g: (n * 91) % 256, b: (n * 53) % 256 } } }, left: 300, top: 250 }])
    .jpeg({ quality: 85 })
    .toBuffer();
for (const product of store.products.values()) {
  while (product.mediaIds.length < 2) {
    const file = `files/bench-${product.numericId}-${product.mediaIds.length + 1}.jpg`;
    product.mediaIds.push(store.addMedia(`${base}/cdn/shop/${file}`, null, 'image/jpeg', product.createdAt, 0).id);
  }
  product.mediaIds.splice(2);
  for (const mediaId of product.mediaIds) {
    const media = store.media.get(mediaId)!;
    store.blobs.set(new URL(media.url).pathname.replace(/^\/cdn\/shop\//, ''), { data: await photo(index++), contentType: 'image/jpeg' });
  }
}
const total = products * 2;

const { app, url } = stack;
const api = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${url}${path}`, { method, headers: { Authorization: `Bearer ${await stack.token()}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await response.json()) as Record<string, unknown>;
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
};
const host = Buffer.from(`admin.shopify.com/store/${stack.sandbox.state.shop.replace('.myshopify.com', '')}`).toString('base64url');
await fetch(`${url}/?shop=${stack.sandbox.state.shop}&host=${host}&id_token=${await stack.token()}`);

// 1. The hub's own throughput on these images: POST /api/v1/process with the shop's key, 4 in flight.
const linked = await app.services.install.linked(stack.sandbox.state.shop);
const hub = new HubClient({ baseUrl: app.config.hub.url, apiKey: linked.liveKey });
hub.http.defaults.adapter = 'http';
const images = [...store.products.values()].flatMap((product) => product.mediaIds.map((id) => store.media.get(id)!)).slice(0, baselineImages);
let cursor = 0;
const baselineStart = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (cursor < images.length) {
      const media = images[cursor++]!;
      const data = store.blobs.get(new URL(media.url).pathname.replace(/^\/cdn\/shop\//, ''))!.data;
      await hub.processImage(new Uint8Array(data), { preset: 'shopify' });
    }
  }),
);
const baselineRate = images.length / ((performance.now() - baselineStart) / 1000);
console.log(`hub POST /api/v1/process: ${images.length} images, ${baselineRate.toFixed(2)} images/s`);

// 2. End to end through the app: sync, then one auto-publish job over every product, until all are published.
const start = performance.now();
await api('POST', '/api/catalog/sync');
for (;;) {
  const sync = await api('GET', '/api/catalog/sync');
  if (sync.status === 'succeeded') break;
  if (sync.status === 'failed') throw new Error(`sync failed: ${String(sync.error)}`);
  await new Promise((resolve) => setTimeout(resolve, 250));
}
const synced = performance.now();
const job = await api('POST', '/api/jobs', { preset_id: 'mkt:shopify', selection: { all: true, filters: {} }, images: 'all', auto_publish: true });
let last: Record<string, unknown> = job;
for (;;) {
  last = await api('GET', `/api/jobs/${String(job.id)}`);
  if (['completed', 'failed', 'canceled'].includes(String(last.status))) break;
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
const done = performance.now();
const seconds = (done - start) / 1000;
const counts = last.counts as Record<string, number>;
const rate = total / seconds;
console.log(`sync ${((synced - start) / 1000).toFixed(1)} s; job ${String(last.status)}: ${JSON.stringify(counts)}`);
console.log(`end to end: ${total} images in ${seconds.toFixed(1)} s = ${rate.toFixed(2)} images/s`);
console.log(`ratio to the hub's own process throughput: ${(rate / baselineRate).toFixed(2)} (target ≥ 0.8)`);
console.log(`sandbox: ${stack.sandbox.state.stats.requests} GraphQL requests, ${stack.sandbox.state.stats.throttled} throttled, ${stack.sandbox.state.stats.actualCost} points`);
out.table(
  `${products} products × 2 images; Shopify sandbox at 100 points/s, 1000-point bucket`,
  ['hub POST /api/v1/process', 'end to end', 'ratio', 'sync', 'job', 'sandbox'],
  [[`${baselineRate.toFixed(2)} images/s`, `${rate.toFixed(2)} images/s (${seconds.toFixed(1)} s)`, Number((rate / baselineRate).toFixed(2)), `${((synced - start) / 1000).toFixed(1)} s`, String(last.status), `${stack.sandbox.state.stats.requests} GraphQL requests, ${stack.sandbox.state.stats.throttled} throttled, ${stack.sandbox.state.stats.actualCost} points`]],
);
out.ratio('end to end / hub process rate', rate / baselineRate, '≥ 0.8');
await stack.close();
out.write();
if (last.status !== 'completed') throw new Error(`bulk job ended ${String(last.status)}`);
process.exit(0);
