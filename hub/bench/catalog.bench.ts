// Filtered catalog pages on a 10,000-product catalog, over HTTP against a real hub (SQLite, or MariaDB
// with TEST_DATABASE_URL): `npm run bench:catalog -w hub [-- products rounds]`.
import { performance } from 'node:perf_hooks';
import type { CatalogFilters } from '@pixport/shared';
import { seedCatalog } from '../src/test-support/catalog-seed.js';
import { startMarketplaceHub } from '../src/test-support/marketplace-sandboxes.js';
import { benchResult, sized, type Cell } from '../../bench/lib/result.js';

const products = Number(process.argv[2] ?? sized(10_000, 500));
const rounds = Number(process.argv[3] ?? sized(15, 2));
const out = benchResult('catalog', 'Filtered catalog pages', `npm run bench:catalog -w hub -- ${products} ${rounds}`);
const rows: Cell[][] = [];
const m = await startMarketplaceHub({ shopify: { products: 1 } });
try {
  const { client, me } = await m.t.newAccount('Bench');
  const integration = (await client.createIntegration(m.body('shopify'))).id;
  const seeded = performance.now();
  await seedCatalog(m.t.hub.db, { organizationId: me.organization.id, integrationId: integration }, products);
  console.log(`${m.t.database.url.split(':')[0]}: seeded ${products} products in ${Math.round(performance.now() - seeded)} ms`);
  const cases: Array<[string, CatalogFilters]> = [
    ['no filter', {}],
    ['vendor + status', { vendor: 'Cobalt & Co', status: 'draft' }],
    ['collection', { collection: 'gid://shopify/Collection/2' }],
    ['fails=any + product_type', { fails: 'any', product_type: 'Shoes' }],
    ['q (LIKE scan)', { q: 'sku-99' }],
  ];
  console.log('| filter | first page p50 ms | first page p95 ms | page 5 p50 ms | total |');
  console.log('|---|---|---|---|---|');
  for (const [name, filters] of cases) {
    const first: number[] = [];
    const deep: number[] = [];
    let total = 0;
    for (let i = 0; i < rounds; i++) {
      let t = performance.now();
      let page = await client.catalog({ integration, ...filters, limit: 50 });
      first.push(performance.now() - t);
      total = page.total;
      for (let p = 1; p < 5 && page.next_cursor; p++) {
        t = performance.now();
        page = await client.catalog({ integration, ...filters, limit: 50, cursor: page.next_cursor });
        if (p === 4) deep.push(performance.now() - t);
      }
    }
    const q = (list: number[], at: number) => (list.length ? [...list].sort((a, b) => a - b)[Math.floor(at * (list.length - 1))]!.toFixed(1) : '–');
    console.log(`| ${name} | ${q(first, 0.5)} | ${q(first, 0.95)} | ${q(deep, 0.5)} | ${total} |`);
    rows.push([name, Number(q(first, 0.5)), Number(q(first, 0.95)), deep.length ? Number(q(deep, 0.5)) : null, total]);
  }
} finally {
  await m.close();
}
out.table(`${products} products, 50 per page with total, ${rounds} rounds (${process.env.TEST_DATABASE_URL ? 'MariaDB' : 'SQLite'})`, ['filter', 'first page p50 ms', 'p95 ms', 'page 5 p50 ms', 'matches'], rows);
out.ratio('slowest filter / no filter p50', Math.max(...rows.map((r) => Number(r[1]))) / Number(rows[0]![1]));
out.write();
process.exit(0);
