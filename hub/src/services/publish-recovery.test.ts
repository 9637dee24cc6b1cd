import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { HubClient, PublishEvent } from '@pixport/shared';
import { PublishEventRow } from '../db/entities/publish-event.entity.js';
import { openHub, type Hub } from '../hub.js';
import { createLogger } from '../logger.js';
import { productOn } from '../processing/test-images.js';
import { startMarketplaceHub, type MarketplaceHub } from '../test-support/marketplace-sandboxes.js';
import { until } from '../test-support/until.js';
import { STRANDED_AFTER_MS } from './job-port.js';

jest.setTimeout(60_000);

/**
 * Publishes left `queued` without a job by a crash, on a hub that only serves HTTP (so the crash state can
 * be set up first) and a worker started when the test says.
 */
describe('publish recovery', () => {
  let m: MarketplaceHub;
  let api: HubClient;
  let integrationId: string;
  let resultId: string;
  let worker: Hub | undefined;
  const later = (ms: number) => new Date(Date.now() + ms);
  const rows = () => m.t.hub.db.getRepository(PublishEventRow);
  const recover = (now: Date) => m.t.hub.services.publish.recover(now);
  const publishJobs = async () =>
    (await m.t.hub.db.query("SELECT id FROM agenda_jobs WHERE name = 'publish-image'")) as unknown[];
  const mediaOf = (productId: string) => m.shopify.state.store.products.get(productId)!.mediaIds;
  const finished = async (id: string): Promise<PublishEvent> => {
    let event: PublishEvent | undefined;
    await until(async () => {
      event = await api.publishEvent(id);
      return event.status === 'succeeded' || event.status === 'failed';
    });
    return event!;
  };

  beforeAll(async () => {
    m = await startMarketplaceHub({
      shopify: { products: 4 },
      hub: { JOB_POLL_INTERVAL_MS: '100' },
      hubOptions: { runJobs: false },
    });
    api = m.t.client({ apiKey: (await m.t.newKey()).key.key });
    integrationId = (await api.createIntegration(m.body('shopify'))).id;
    const data = await productOn(
      '#eeeeee',
      { width: 300, height: 200 },
      { left: 80, top: 50, width: 140, height: 100 },
    );
    resultId = (
      await api.processImage({ data, filename: 'mug.jpg' }, { width: 400, height: 400, format: 'png' })
    ).id;
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });
  afterAll(() => m.close());

  const startWorker = async () => {
    worker = await openHub(m.t.hub.config, { logger: createLogger('silent'), runJobs: true });
  };
  /** Publishes to the `index`th sandbox product (no worker runs yet); its image count before. */
  const publishTo = async (index: number) => {
    const productId = [...m.shopify.state.store.products.keys()][index]!;
    const before = mediaOf(productId).length;
    const queued = await api.publish({
      integration_id: integrationId,
      product_id: productId,
      result_id: resultId,
    });
    return { productId, before, queued };
  };

  it('a publish whose job was never enqueued is found by the sweep, runs once and only once', async () => {
    const { productId, before, queued } = await publishTo(0);
    // What a crash between inserting the row and enqueuing leaves: a queued publish and no job.
    await m.t.hub.db.query("DELETE FROM agenda_jobs WHERE name = 'publish-image'");

    expect(await recover(later(STRANDED_AFTER_MS - 5_000))).toEqual({ requeued: 0 });
    expect(await recover(later(STRANDED_AFTER_MS + 5_000))).toEqual({ requeued: 1 });
    expect(await publishJobs()).toHaveLength(1);
    // Sweeping again adds nothing: the publish has a job now.
    expect(await recover(later(STRANDED_AFTER_MS + 5_000))).toEqual({ requeued: 0 });
    expect(await publishJobs()).toHaveLength(1);

    await startWorker();
    expect(await finished(queued.id)).toMatchObject({ status: 'succeeded', error: null });
    expect(mediaOf(productId)).toHaveLength(before + 1);
    // Nothing left to recover once it ran.
    expect(await recover(later(STRANDED_AFTER_MS + 5_000))).toEqual({ requeued: 0 });
  });

  it('when the first job shows up after all (its id was never recorded), only the recovered job publishes', async () => {
    const { productId, before, queued } = await publishTo(1);
    // A crash after enqueuing but before the job id was recorded: the job exists, the row does not name it.
    await rows().update({ id: queued.id }, { jobId: null });
    expect(await recover(later(STRANDED_AFTER_MS + 5_000))).toEqual({ requeued: 1 });
    expect(await publishJobs()).toHaveLength(2);

    await startWorker();
    expect(await finished(queued.id)).toMatchObject({ status: 'succeeded', error: null });
    // Both jobs ran; the one the row does not name did nothing: one image, not two, and no "interrupted".
    await until(async () => (await publishJobs()).length === 0);
    expect(mediaOf(productId)).toHaveLength(before + 1);
    expect(await api.publishEvent(queued.id)).toMatchObject({ status: 'succeeded' });
  });

  it('leaves publishes that are under way or finished alone', async () => {
    const { queued } = await publishTo(2);
    await m.t.hub.db.query("DELETE FROM agenda_jobs WHERE name = 'publish-image'");
    await rows().update({ id: queued.id }, { status: 'publishing', startedAt: new Date() });
    expect(await recover(later(STRANDED_AFTER_MS + 5_000))).toEqual({ requeued: 0 });
    await rows().update({ id: queued.id }, { status: 'failed', finishedAt: new Date() });
    expect(await recover(later(STRANDED_AFTER_MS + 5_000))).toEqual({ requeued: 0 });
    expect(await publishJobs()).toHaveLength(0);
  });
});
