// Publishing to the Shopify sandbox under the cost throttle: one replacement image per product,
// a few products at a time, as the hub's publish runner does.
//   npx tsx bench/publish.bench.ts [-- --products 500 --restore 1000 --concurrency 4]
// The theoretical maximum is what the bucket allows: (points the publishes actually cost − the starting
// bucket) ÷ restore rate seconds for the whole run; the ratio is that time over the measured time.
import { parseArgs } from 'node:util';
import { ShopifyConnector } from '../src/connectors/shopify.connector.js';
import { startShopifySandbox } from '../src/sandboxes/shopify.sandbox.js';
import { benchResult, sized } from '../../bench/lib/result.js';

const { values } = parseArgs({
  options: { products: { type: 'string', default: sized('500', '40') }, restore: { type: 'string', default: sized('1000', '500') }, concurrency: { type: 'string', default: '4' } },
});
const out = benchResult('marketplace-publish', 'Shopify publish under the cost throttle', `npm run bench -w marketplace (publish: --products ${values.products} --restore ${values.restore} --concurrency ${values.concurrency})`);
const COUNT = Number(values.products);
const RESTORE = Number(values.restore);
// Smoke runs start from a small bucket, so a few images still spend past it and have a best rate.
const BUCKET = sized(RESTORE * 10, 1000);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const sandbox = await startShopifySandbox({ products: COUNT, restoreRate: RESTORE, bucketSize: BUCKET, mediaProcessingMs: 30, reorderJobMs: 20 });
const connector = new ShopifyConnector({ shop: sandbox.state.shop, accessToken: sandbox.state.accessToken }, { baseUrl: sandbox.url });
const targets = [...sandbox.state.store.products.values()].filter((p) => p.mediaIds.length > 0).map((p) => ({ id: p.id, media: p.mediaIds[0]! }));
const before = { cost: sandbox.state.stats.actualCost, requests: sandbox.state.stats.requests };
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: Number(values.concurrency) }, async () => {
    while (next < targets.length) {
      const target = targets[next++]!;
      await connector.publishImage(target.id, { data: PNG, filename: 'bench.png', contentType: 'image/png' }, { replaceImageId: target.media });
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const points = sandbox.state.stats.actualCost - before.cost;
const bestSeconds = Math.max(0, points - BUCKET) / RESTORE;
const requests = sandbox.state.stats.requests - before.requests;
await sandbox.close();
console.log(
  `publish, ${targets.length} images (${values.concurrency} at a time, bucket ${BUCKET}, ${RESTORE} points/s): ${seconds.toFixed(1)} s, ${(targets.length / seconds).toFixed(2)} images/s; ` +
    `${(points / targets.length).toFixed(1)} points and ${(requests / targets.length).toFixed(1)} requests per image; best the bucket allows ${(targets.length / bestSeconds).toFixed(2)} images/s → ${((bestSeconds / seconds) * 100).toFixed(1)} % (THROTTLED answers ${sandbox.state.stats.throttled})`,
);
out.table(
  `Replace one image per product, ${values.concurrency} at a time, bucket ${BUCKET}, ${RESTORE} points/s`,
  ['images', 'seconds', 'images/s', 'points per image', 'requests per image', 'best the bucket allows', 'THROTTLED answers'],
  [[targets.length, Number(seconds.toFixed(1)), Number((targets.length / seconds).toFixed(2)), Number((points / targets.length).toFixed(1)), Number((requests / targets.length).toFixed(1)), `${(targets.length / bestSeconds).toFixed(2)}/s`, sandbox.state.stats.throttled]],
);
out.ratio('publish / best rate', bestSeconds / seconds, '≥ 0.9');
out.write();
