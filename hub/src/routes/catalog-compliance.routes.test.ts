import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CatalogItem, HubClient, ImageCompliance } from '@pixport/shared';
import { compliantShot, resizedJpeg } from '../processing/test-images.js';
import { realPhoto } from '../test-support/real-photos.js';
import { startMarketplaceHub, waitForSync, type MarketplaceHub } from '../test-support/marketplace-sandboxes.js';

const PASS_ALL: ImageCompliance = { amazon: 'pass', google: 'pass', shopify: 'pass' };
const REAL: ImageCompliance = { amazon: 'fail', google: 'pass', shopify: 'pass' };
type SandboxProduct = NonNullable<ReturnType<MarketplaceHub['shopify']['state']['store']['products']['get']>>;
const UNKNOWN: ImageCompliance = { amazon: 'unknown', google: 'unknown', shopify: 'unknown' };

describe('compliance of every synced image (real photographs, the Shopify sandbox)', () => {
  let m: MarketplaceHub;
  let client: HubClient;
  let integrationId: string;
  let organizationId: string;
  let products: SandboxProduct[];
  const count = async (sql: string, params: unknown[] = []) => Number((await m.t.hub.db.query(sql, params))[0].n);

  /** Serves `data` for every image of `product` (or only its `index`-th) from the sandbox's CDN. */
  function serve(product: SandboxProduct, data: Buffer, contentType: string, index?: number) {
    const store = m.shopify.state.store;
    product.mediaIds.forEach((mediaId, i) => {
      if (index !== undefined && i !== index) return;
      const key = new URL(store.media.get(mediaId)!.url).pathname.slice('/cdn/shop/'.length);
      store.blobs.set(key, { data, contentType });
    });
  }
  const item = async (product: SandboxProduct): Promise<CatalogItem> =>
    (await client.catalog({ integration: integrationId, q: product.id, limit: 200 })).data.find(
      (entry) => entry.product_id === product.id,
    )!;
  const ids = (page: { data: CatalogItem[] }) => page.data.map((entry) => entry.product_id).sort();
  const allChecked = async () => {
    const deadline = Date.now() + 60_000;
    const images = [...m.shopify.state.store.products.values()].reduce((sum, p) => sum + p.mediaIds.length, 0);
    while ((await count('SELECT COUNT(*) AS n FROM catalog_image_checks WHERE integration_id = ?', [integrationId])) < images) {
      if (Date.now() > deadline) throw new Error('the compliance check did not finish');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // The masks are written after each batch's checks: every product with an image but the broken one gets some.
    const unknown = [...m.shopify.state.store.products.values()].filter((p) => p.mediaIds.length === 0).length + 1;
    while ((await count(`SELECT COUNT(*) AS n FROM catalog_items WHERE integration_id = ? AND compliance_fails + compliance_passes = 0`, [integrationId])) > unknown) {
      if (Date.now() > deadline) throw new Error('the compliance masks were not written');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    m = await startMarketplaceHub({ shopify: { products: 10 } });
    products = [...m.shopify.state.store.products.values()].filter((p) => p.mediaIds.length > 0).slice(0, 6);
    expect(products).toHaveLength(6);
    const [astronaut, white, camera, huge, tiny, broken] = products as [SandboxProduct, ...SandboxProduct[]];
    serve(astronaut, realPhoto('astronaut.png'), 'image/png');
    serve(white!, realPhoto('coffee.png'), 'image/png');
    serve(white!, await compliantShot(), 'image/jpeg', 0);
    serve(camera!, realPhoto('camera.png'), 'image/png');
    // Real photographs made too big for Shopify and too small for Google Merchant Center.
    serve(huge!, await resizedJpeg(realPhoto('chelsea.png'), 5000, 3326), 'image/jpeg');
    serve(tiny!, await resizedJpeg(realPhoto('rocket.jpg'), 90, 60), 'image/jpeg');
    serve(broken!, Buffer.from('<html>not an image</html>'), 'image/jpeg');
    const account = await m.t.newAccount('Compliance');
    client = account.client;
    organizationId = account.me.organization.id;
    integrationId = (await client.createIntegration(m.body('shopify'))).id;
    await client.syncIntegration(integrationId);
    expect(await waitForSync(client, integrationId)).toMatchObject({ status: 'succeeded' });
    await allChecked();
  }, 120_000);
  afterAll(() => m.close());

  it('checks each image after the sync and answers the verdicts per image and per product', async () => {
    const [astronaut, white, camera, huge, tiny, broken] = await Promise.all(products.map(item));
    for (const image of astronaut!.images) expect(image.compliance).toEqual(REAL);
    expect(astronaut!.compliance).toEqual(REAL);
    // A compliant main image passes Amazon even with lifestyle photos after it: Amazon's rules are main-image rules.
    expect(white!.images[0]!.compliance).toEqual(PASS_ALL);
    for (const image of white!.images.slice(1)) expect(image.compliance).toEqual(REAL);
    expect(white!.compliance).toEqual(PASS_ALL);
    // Greyscale is not sRGB: a warning for Google and Shopify, not a failure.
    expect(camera!.compliance).toEqual(REAL);
    expect(huge!.compliance).toEqual({ amazon: 'fail', google: 'pass', shopify: 'fail' });
    expect(tiny!.compliance).toEqual({ amazon: 'fail', google: 'fail', shopify: 'pass' });
    for (const image of broken!.images) expect(image.compliance).toEqual(UNKNOWN);
    expect(broken!.compliance).toEqual(UNKNOWN);
    const reasons = await m.t.hub.db.query('SELECT error FROM catalog_image_checks WHERE item_id = ?', [broken!.id]);
    expect(reasons.map((row: { error: string }) => row.error)).toEqual(broken!.images.map(() => 'unsupported_media_type'));

    const fails = async (which: 'amazon' | 'google' | 'shopify' | 'any') =>
      ids(await client.catalog({ integration: integrationId, fails: which, limit: 200 }));
    expect(await fails('shopify')).toEqual([huge!.product_id]);
    // The four products nobody changed still show the sandbox's 1×1 placeholder: too small for Google.
    const placeholders = [...m.shopify.state.store.products.values()].filter((p) => !products.includes(p) && p.mediaIds.length > 0);
    expect(await fails('google')).toEqual([tiny!.product_id, ...placeholders.map((p) => p.id)].sort());
    const all = [...m.shopify.state.store.products.values()].filter((p) => p.mediaIds.length > 0).map((p) => p.id);
    expect(await fails('amazon')).toEqual(all.filter((id) => id !== white!.product_id && id !== broken!.product_id).sort());
    expect((await client.catalog({ integration: integrationId, fails: 'any', limit: 200 })).total).toBe(all.length - 2);
  });

  it('checks each content once, charges nothing, and does only what is new on the next run', async () => {
    // astronaut, compliant shot, coffee, camera, big chelsea, small rocket, the placeholder; the broken file has none.
    expect(await count('SELECT COUNT(*) AS n FROM image_verdicts WHERE integration_id = ?', [integrationId])).toBe(7);
    expect(await count('SELECT COUNT(*) AS n FROM tasks WHERE organization_id = ?', [organizationId])).toBe(0);
    const account = await client.account();
    expect(account.credits.balance).toBe(account.plan.monthly_credits);

    const runner = m.t.hub.services.catalogCompliance;
    const job = { organizationId, integrationId };
    // Unchanged URLs are not downloaded again; only the broken image is retried.
    const broken = products[5]!;
    expect(await runner.run(job)).toEqual({ checked: 0, reused: 0, failed: broken.mediaIds.length });

    // As a run that stopped halfway leaves it: some checks missing. They are redone from the known verdicts.
    const astronaut = await item(products[0]!);
    await m.t.hub.db.query('DELETE FROM catalog_image_checks WHERE item_id = ?', [astronaut.id]);
    expect(await runner.run(job)).toEqual({ checked: 0, reused: astronaut.images.length, failed: broken.mediaIds.length });
    expect((await item(products[0]!)).compliance).toEqual(REAL);

    // The merchant fixes the broken product's images (new files, new URLs): they are checked on the next sync.
    const store = m.shopify.state.store;
    const fixed = await compliantShot();
    for (const mediaId of broken.mediaIds) {
      const media = store.media.get(mediaId)!;
      media.url = `${m.shopify.url}/cdn/shop/${store.storeBlob(fixed, 'image/jpeg', 'fixed.jpg')}`;
    }
    store.touch(broken);
    await client.syncIntegration(integrationId);
    await waitForSync(client, integrationId);
    const deadline = Date.now() + 60_000;
    while ((await item(broken)).compliance.amazon !== 'pass') {
      if (Date.now() > deadline) throw new Error('the fixed images were not checked');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await item(broken)).compliance).toEqual(PASS_ALL);
    expect(await count('SELECT COUNT(*) AS n FROM image_verdicts WHERE integration_id = ?', [integrationId])).toBe(7);
  });

  it('forgets the checks with the integration', async () => {
    const other = await client.createIntegration(m.body('shopify'));
    await client.syncIntegration(other.id);
    await waitForSync(client, other.id);
    await client.deleteIntegration(integrationId);
    for (const table of ['catalog_image_checks', 'image_verdicts', 'catalog_item_collections', 'catalog_items'])
      expect(await count(`SELECT COUNT(*) AS n FROM ${table} WHERE integration_id = ?`, [integrationId])).toBe(0);
  });
});
