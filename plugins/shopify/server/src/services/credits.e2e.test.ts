import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CatalogSyncState, Job } from '../api/contract.js';
import { startAppStack, type AppStack } from '../test-support/app-stack.js';
import { distinctSandboxImages } from '../test-support/images.js';
import { until } from '../test-support/until.js';

// Credits: the estimate before a job, and a job larger than the free plan's 100 credits pausing with the
// reason instead of failing its images (the hub resumes it when credits return; nothing is lost meanwhile).
let stack: AppStack;
beforeAll(async () => {
  stack = await startAppStack({ sandbox: { products: 70 } });
  distinctSandboxImages(stack);
  await stack.load('/');
  await stack.api('POST', '/api/catalog/sync');
  await until(async () => ((await stack.api('GET', '/api/catalog/sync')).body as unknown as CatalogSyncState).status === 'succeeded', 60_000, 'catalog sync');
}, 120_000);
afterAll(() => stack.close());

const job = async (id: string) => (await stack.api('GET', `/api/jobs/${id}`)).body as unknown as Job;

describe('credits', () => {
  it('estimates every image of the catalog against the credits left', async () => {
    const estimate = await stack.api('POST', '/api/estimates', { preset_id: 'mkt:shopify', selection: { all: true, filters: {} }, images: 'all' });
    expect(estimate.status).toBe(200);
    const body = estimate.body as unknown as { products: number; images: number; credits_per_image: number; credits: number; credits_remaining: number; enough: boolean };
    expect(body.images).toBeGreaterThan(100);
    expect(body.credits).toBe(body.images * body.credits_per_image);
    expect(body.credits_remaining).toBe(100);
    expect(body.enough).toBe(false);
  });

  it('a job past the credits pauses with insufficient_credits; pause/resume/cancel answer the job', async () => {
    const created = (await stack.api('POST', '/api/jobs', { preset_id: 'mkt:shopify', selection: { all: true, filters: {} }, images: 'all', auto_publish: false })).body as unknown as Job;
    const paused = await until(async () => {
      const current = await job(created.id);
      if (['completed', 'failed', 'canceled'].includes(current.status)) throw new Error(`job ended ${JSON.stringify(current)}`);
      return current.status === 'paused' ? current : null;
    }, 180_000, 'the job to pause');
    expect(paused.paused_reason).toBe('insufficient_credits');
    expect(paused.counts.failed).toBe(0);
    expect(paused.counts.succeeded).toBeLessThanOrEqual(100);
    expect(paused.counts.pending).toBeGreaterThan(0);
    const canceled = await stack.api('POST', `/api/jobs/${created.id}/cancel`);
    expect(canceled.status).toBe(200);
    expect((canceled.body as unknown as Job).status).toBe('canceled');
    const again = await stack.api('POST', `/api/jobs/${created.id}/resume`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('conflict');
    expect(typeof again.body.hub_request_id).toBe('string');
  });

  it('usage shows the day by operation with the credits the run captured', async () => {
    const usage = await stack.api('GET', '/api/usage?days=7');
    expect(usage.status).toBe(200);
    const byDay = usage.body.by_day as Array<{ operation: string; credits: number }>;
    expect(byDay.some((entry) => entry.operation === 'process' && entry.credits > 0)).toBe(true);
    expect(usage.body.credits_remaining).toBeLessThan(100);
    expect((await stack.api('GET', '/api/usage?days=0')).status).toBe(422);
  });
});
