import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import type { HubClient, PublishEvent } from '@pixport/shared';
import { PublishEventRow } from '../db/entities/publish-event.entity.js';
import { pngDeclaring, productOn } from '../processing/test-images.js';
import { failureOf } from '../test-support/failure.js';
import {
  startMarketplaceHub,
  waitForSync,
  type MarketplaceHub,
} from '../test-support/marketplace-sandboxes.js';
import { startTestHub } from '../test-support/test-hub.js';
import { WebhookReceiver } from '../test-support/webhook-receiver.js';

const PUBLIC_URL = 'https://pixport.example';

async function waitForPublish(client: HubClient, id: string): Promise<PublishEvent> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const event = await client.publishEvent(id);
    if (event.status === 'succeeded' || event.status === 'failed') return event;
    if (Date.now() > deadline) throw new Error(`publish still ${event.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const fetchBytes = async (url: string) => {
  const response = await fetch(url);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: Buffer.from(await response.arrayBuffer()),
  };
};

describe('direct publish', () => {
  let m: MarketplaceHub;
  let receiver: WebhookReceiver;
  let api: HubClient;
  let owner: HubClient;
  let image: { id: string; bytes: Buffer };
  let webhookSecret: string;

  beforeAll(async () => {
    m = await startMarketplaceHub({
      shopify: { products: 30 },
      woocommerce: { products: 30 },
      hub: { PUBLIC_URL, COOKIE_SECURE: 'false' },
    });
    receiver = await WebhookReceiver.start();
    const created = await m.t.newKey();
    api = m.t.client({ apiKey: created.key.key });
    owner = created.owner;
    const hook = await api.createWebhook({
      url: `${receiver.url}/pixport`,
      events: ['publish.succeeded', 'publish.failed'],
    });
    webhookSecret = hook.secret;
    const processed = await api.processImage(
      {
        data: await productOn(
          '#eeeeee',
          { width: 400, height: 300 },
          { left: 100, top: 80, width: 200, height: 140 },
        ),
        filename: 'Red mug.jpg',
      },
      { width: 500, height: 500, format: 'png' },
    );
    image = { id: processed.id, bytes: Buffer.from((await api.downloadResult(processed.id)).data) };
  });
  afterAll(async () => {
    await receiver.close();
    await m.close();
  });

  /** The webhook events received for a publish, signature checked. */
  const eventsFor = async (publishId: string, count = 1) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const found = receiver.requests.filter((request) => request.body.includes(publishId));
      if (found.length >= count) {
        return found.map(
          (request) =>
            new Webhook(webhookSecret).verify(request.body, request.headers) as Record<string, unknown>,
        );
      }
      if (Date.now() > deadline) throw new Error('no webhook for ' + publishId);
      await receiver.waitFor(receiver.requests.length + 1, 15_000).catch(() => undefined);
    }
  };

  it('publishes to Shopify at the main position, reads the image back, refreshes the catalog and notifies', async () => {
    const integration = await api.createIntegration(m.body('shopify'));
    await api.syncIntegration(integration.id);
    await waitForSync(api, integration.id);
    const product = (await api.catalog({ integration: integration.id, limit: 1 })).data[0]!;
    const before = product.images.length;

    const queued = await api.publish({
      integration_id: integration.id,
      product_id: product.product_id,
      result_id: image.id,
      position: 1,
      alt: 'Red mug on white',
    });
    expect(queued).toMatchObject({
      status: 'queued',
      marketplace: 'shopify',
      product_title: product.title,
      result_id: image.id,
      position: 1,
      image: null,
    });
    const done = await waitForPublish(api, queued.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      error: null,
      image: { position: 1, alt: 'Red mug on white' },
      replaced: null,
    });
    expect(done.started_at).not.toBeNull();

    const served = await fetchBytes(done.image!.url);
    expect(served.status).toBe(200);
    expect(served.body.equals(image.bytes)).toBe(true);
    const stored = m.shopify.state.store.products.get(product.product_id)!;
    expect(stored.mediaIds[0]).toBe(done.image!.id);

    const refreshed = (await api.catalog({ integration: integration.id, search: product.product_id }))
      .data[0]!;
    expect(refreshed.images[0]!.id).toBe(done.image!.id);
    expect(refreshed.images).toHaveLength(before + 1);

    const [event] = await eventsFor(queued.id);
    expect(event).toMatchObject({
      event: 'publish.succeeded',
      publish_id: queued.id,
      integration_id: integration.id,
      marketplace: 'shopify',
      product_id: product.product_id,
      result_id: image.id,
      status: 'succeeded',
      image: { id: done.image!.id, position: 1 },
    });
    const activity = await api.publishEvents({ integration: integration.id });
    expect(activity.data.map((row) => row.id)).toEqual([queued.id]);
  });

  it('publishes to WooCommerce without dropping the existing images, and replaces one in place', async () => {
    const body = m.body('woocommerce');
    const password = m.woocommerce.state.applicationPasswords[0]!;
    const integration = await api.createIntegration({
      ...body,
      credentials: {
        ...body.credentials,
        wpUsername: password.user,
        wpApplicationPassword: password.password,
      },
    });
    const target = [...m.woocommerce.state.store.products.values()].find(
      (product) => product.imageIds.length >= 2,
    )!;
    const existing = [...target.imageIds];

    const added = await waitForPublish(
      api,
      (
        await api.publish({
          integration_id: integration.id,
          product_id: String(target.id),
          result_id: image.id,
          position: 2,
        })
      ).id,
    );
    expect(added).toMatchObject({ status: 'succeeded', image: { position: 2 } });
    const after = m.woocommerce.state.store.product(target.id).imageIds;
    expect(after).toHaveLength(existing.length + 1);
    expect(after.filter((id: number) => id !== Number(added.image!.id))).toEqual(existing);
    expect(after[1]).toBe(Number(added.image!.id));
    expect((await fetchBytes(added.image!.url)).body.equals(image.bytes)).toBe(true);

    const swapped = await waitForPublish(
      api,
      (
        await api.publish({
          integration_id: integration.id,
          product_id: String(target.id),
          result_id: image.id,
          replace_image_id: String(existing[0]),
        })
      ).id,
    );
    expect(swapped).toMatchObject({
      status: 'succeeded',
      replaced: { id: String(existing[0]), position: 1 },
      image: { position: 1 },
    });
    const final = m.woocommerce.state.store.product(target.id).imageIds;
    expect(final).toHaveLength(existing.length + 1);
    expect(final).toEqual([Number(swapped.image!.id), Number(added.image!.id), ...existing.slice(1)]);
  });

  it('hands the Amazon bridge a signed public link that works without a key, and only unchanged and in time', async () => {
    const integration = await api.createIntegration(m.body('amazon-bridge'));
    const sku = [...m.amazonBridge.state.listings.keys()][2]!;
    const done = await waitForPublish(
      api,
      (
        await api.publish({
          integration_id: integration.id,
          product_id: sku,
          result_id: image.id,
          position: 1,
        })
      ).id,
    );
    expect(done).toMatchObject({ status: 'succeeded', image: { id: 'main', position: 1 } });
    const submission = m.amazonBridge.state.submissions.at(-1)!;
    expect(submission).toMatchObject({ sku, slot: 'main', marketplace_id: 'ATVPDKIKX0DER' });
    const link = new URL(submission.image_url!);
    expect(`${link.origin}`).toBe(PUBLIC_URL);
    expect(link.pathname).toMatch(/^\/api\/v1\/public\/results\/org_\w+\/res_\w+\.png$/);
    const expires = Number(link.searchParams.get('expires'));
    expect(expires * 1000).toBeGreaterThan(Date.now() + 23 * 3600_000);
    // The link went to the marketplace; the hub keeps it only as the result's path (no signature in a row).
    expect(done.image!.url).toBe(`${PUBLIC_URL}${link.pathname}`);
    const rows = await m.t.hub.db.query('SELECT image FROM publish_events WHERE id = ?', [done.id]);
    expect(JSON.stringify(rows)).not.toContain(link.searchParams.get('signature')!);

    const local = `${m.t.url}${link.pathname}${link.search}`;
    const served = await fetchBytes(local);
    expect(served).toMatchObject({ status: 200, type: 'image/png' });
    expect(served.body.equals(image.bytes)).toBe(true);

    const problem = async (url: string) => {
      const response = await fetch(url);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      return { status: response.status, code: ((await response.json()) as { code: string }).code };
    };
    const signature = link.searchParams.get('signature')!;
    const flipped = signature.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(await problem(local.replace(signature, flipped))).toEqual({
      status: 403,
      code: 'invalid_signature',
    });
    expect(await problem(local.replace(`expires=${expires}`, `expires=${expires + 3600}`))).toEqual({
      status: 403,
      code: 'invalid_signature',
    });
    expect(await problem(`${m.t.url}${link.pathname}`)).toEqual({ status: 403, code: 'invalid_signature' });
    const other = await m.t.newAccount('Other org');
    expect(await problem(local.replace(/org_\w+/, other.me.organization.id))).toEqual({
      status: 403,
      code: 'invalid_signature',
    });
    expect(await problem(local.replace('.png', '.jpg'))).toEqual({ status: 403, code: 'invalid_signature' });

    const result = await m.t.hub.services.results.get(link.pathname.split('/')[5]!, image.id);
    const stale = m.t.hub.services.links.create(result, new Date(Date.now() - 25 * 3600_000));
    const staleUrl = new URL(stale.url);
    expect(await problem(`${m.t.url}${staleUrl.pathname}${staleUrl.search}`)).toEqual({
      status: 410,
      code: 'link_expired',
    });
  });

  it('lets WooCommerce sideload the signed link when there is no media password', async () => {
    const integration = await api.createIntegration(m.body('woocommerce'));
    const target = [...m.woocommerce.state.store.products.values()][5]!;
    const done = await waitForPublish(
      api,
      (
        await api.publish({
          integration_id: integration.id,
          product_id: String(target.id),
          result_id: image.id,
        })
      ).id,
    );
    expect(done.status).toBe('succeeded');
    const update = m.woocommerce.state.stats.productUpdates.at(-1)!.images as Array<{ src?: string }>;
    const src = update.find((entry) => entry.src)!.src!;
    expect(src.startsWith(`${PUBLIC_URL}/api/v1/public/results/`)).toBe(true);
    expect((await fetchBytes(src.replace(PUBLIC_URL, m.t.url))).body.equals(image.bytes)).toBe(true);
  });

  it('publishes the output of a succeeded task, and refuses tasks without one', async () => {
    const integration = await api.createIntegration(m.body('shopify'));
    const productId = [...m.shopify.state.store.products.keys()][7]!;
    const shot = await productOn(
      '#ffffff',
      { width: 300, height: 300 },
      { left: 50, top: 50, width: 200, height: 200 },
    );
    const task = await api.submitTask(
      'process',
      { image: shot },
      { width: 200, height: 200, format: 'jpeg' },
      { wait: 30 },
    );
    expect(task.status).toBe('succeeded');
    const done = await waitForPublish(
      api,
      (await api.publish({ integration_id: integration.id, product_id: productId, task_id: task.id })).id,
    );
    expect(done).toMatchObject({ status: 'succeeded', task_id: task.id });
    expect(
      (await fetchBytes(done.image!.url)).body.equals(
        Buffer.from((await api.downloadTaskResult(task.id)).data),
      ),
    ).toBe(true);

    const broken = await api.submitTask('process', { image: pngDeclaring(8, 8) }, {}, { wait: 30 });
    expect(broken.status).toBe('failed');
    const refused = await failureOf(
      api.publish({ integration_id: integration.id, product_id: productId, task_id: broken.id }),
    );
    expect(refused).toMatchObject({ status: 409, code: 'conflict' });
  });

  it('records marketplace refusals as failed publishes with the mapped code, and notifies', async () => {
    const integration = await api.createIntegration(m.body('shopify'));
    const queued = await api.publish({
      integration_id: integration.id,
      product_id: 'gid://shopify/Product/999999999',
      result_id: image.id,
    });
    const done = await waitForPublish(api, queued.id);
    expect(done).toMatchObject({
      status: 'failed',
      image: null,
      error: { code: 'marketplace_not_found', retryable: false },
    });
    const [event] = await eventsFor(queued.id);
    expect(event).toMatchObject({
      event: 'publish.failed',
      publish_id: queued.id,
      status: 'failed',
      error: { code: 'marketplace_not_found' },
    });

    const woo = await api.createIntegration(m.body('woocommerce'));
    const missingImage = await waitForPublish(
      api,
      (
        await api.publish({
          integration_id: woo.id,
          product_id: String([...m.woocommerce.state.store.products.keys()][0]),
          result_id: image.id,
          replace_image_id: '123456',
        })
      ).id,
    );
    expect(missingImage.error).toMatchObject({ code: 'marketplace_not_found' });
    expect(
      (await api.publishEvents({ status: 'failed', integration: woo.id })).data.map((row) => row.id),
    ).toEqual([missingImage.id]);
  });

  it('ends a publish found half-done after a crash as failed, without calling the marketplace again', async () => {
    const integration = await api.createIntegration(m.body('amazon-bridge'));
    const sku = [...m.amazonBridge.state.listings.keys()][4]!;
    const done = await waitForPublish(
      api,
      (await api.publish({ integration_id: integration.id, product_id: sku, result_id: image.id })).id,
    );
    await eventsFor(done.id);
    const submissions = m.amazonBridge.state.submissions.length;
    // As a worker that died between claiming and finishing would leave it, its job then reclaimed.
    await m.t.hub.db.query(
      "UPDATE publish_events SET status = 'publishing', finished_at = NULL, notified_at = NULL WHERE id = ?",
      [done.id],
    );
    const { jobId } = await m.t.hub.db.getRepository(PublishEventRow).findOneByOrFail({ id: done.id });
    expect(jobId).toEqual(expect.any(String));
    // Another job (one the publish does not name) leaves it alone.
    await m.t.hub.services.publisher.run({ publishId: done.id }, 'some-other-job');
    expect(await api.publishEvent(done.id)).toMatchObject({ status: 'publishing' });
    await m.t.hub.services.publisher.run({ publishId: done.id }, jobId!);
    expect(m.amazonBridge.state.submissions).toHaveLength(submissions);
    const after = await api.publishEvent(done.id);
    expect(after).toMatchObject({ status: 'failed', error: { code: 'internal', retryable: true } });
    expect(after.error!.message).toMatch(/check the product/);
    const events = await eventsFor(done.id, 2);
    expect(events.map((event) => event.event).sort()).toEqual(['publish.failed', 'publish.succeeded']);
    // Running it again changes nothing and sends nothing more.
    await m.t.hub.services.publisher.run({ publishId: done.id }, jobId!);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await eventsFor(done.id, 2)).length).toBe(2);
  });

  it('refuses bad requests before anything is queued', async () => {
    const integration = await api.createIntegration(m.body('shopify'));
    const base = { integration_id: integration.id, product_id: 'gid://shopify/Product/1001' };
    const fields = async (body: unknown) =>
      (await failureOf(api.publish(body as never))).problem.errors?.map((error) => error.field).sort();
    expect(await fields(base)).toEqual(['task_id']);
    expect(await fields({ ...base, result_id: image.id, task_id: 'task_x' })).toEqual(['task_id']);
    expect(await fields({ ...base, result_id: image.id, position: 1, replace_image_id: 'x' })).toEqual([
      'position',
    ]);
    expect(await fields({ ...base, result_id: image.id, position: 0, alt: 7, extra: true })).toEqual([
      'alt',
      'body',
      'position',
    ]);
    expect(await fields({ result_id: image.id })).toEqual(['integration_id', 'product_id']);

    expect(await failureOf(api.publish({ ...base, result_id: 'res_unknown' }))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    const ocr = await api.submitTask(
      'ocr',
      {
        image: await productOn(
          '#ffffff',
          { width: 120, height: 60 },
          { left: 10, top: 10, width: 20, height: 20 },
          'png',
        ),
      },
      {},
      { wait: 30 },
    );
    expect(ocr.status).toBe('succeeded');
    const notImage = await failureOf(api.publish({ ...base, task_id: ocr.id }));
    expect(notImage).toMatchObject({ status: 422, code: 'invalid_parameter' });
    expect(notImage.problem.errors).toEqual([
      { field: 'task_id', message: 'is a application/json result, not an image' },
    ]);

    const other = await m.t.newKey();
    const otherApi = m.t.client({ apiKey: other.key.key });
    expect(await failureOf(otherApi.publish({ ...base, result_id: image.id }))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    const theirs = await otherApi.createIntegration(m.body('shopify'));
    expect(
      await failureOf(
        otherApi.publish({ integration_id: theirs.id, product_id: base.product_id, result_id: image.id }),
      ),
    ).toMatchObject({ status: 404, code: 'not_found' });
    const mine = (await api.publishEvents({ limit: 1 })).data[0]!;
    expect(await failureOf(otherApi.publishEvent(mine.id))).toMatchObject({ status: 404 });
    expect((await otherApi.publishEvents()).data).toEqual([]);

    const reader = await owner.createKey({ name: 'reader', scopes: ['marketplace:read'] });
    const readerApi = m.t.client({ apiKey: reader.key });
    expect((await failureOf(readerApi.publish({ ...base, result_id: image.id }))).code).toBe(
      'insufficient_scope',
    );
    expect((await readerApi.publishEvents({ limit: 1 })).data).toHaveLength(1);
  });

  it('needs PUBLIC_URL to publish to an Amazon bridge', async () => {
    const t = await startTestHub({ WEBHOOKS_ALLOW_PRIVATE: 'true' });
    try {
      const { key } = await t.newKey();
      const local = t.client({ apiKey: key.key });
      const integration = await local.createIntegration(m.body('amazon-bridge'));
      const processed = await local.processImage(
        await productOn('#ffffff', { width: 100, height: 100 }, { left: 10, top: 10, width: 50, height: 50 }),
        { width: 100, height: 100 },
      );
      const refused = await failureOf(
        local.publish({ integration_id: integration.id, product_id: 'PXP-000001', result_id: processed.id }),
      );
      expect(refused).toMatchObject({ status: 503, code: 'service_unavailable' });
      expect((await local.publishEvents()).data).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
