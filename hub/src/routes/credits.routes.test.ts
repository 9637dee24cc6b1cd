import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Task } from '@pixport/shared';
import { OrganizationRow } from '../db/entities/organization.entity.js';
import { describeImage, pngDeclaring, productOn } from '../processing/test-images.js';
import { failureOf } from '../test-support/failure.js';
import { multipartForm } from '../test-support/multipart.js';
import { SegmentationControl } from '../test-support/segmentation-control.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { WebhookReceiver } from '../test-support/webhook-receiver.js';

const shot = async (width = 300, height = 200) => ({
  data: await productOn('#ffffff', { width, height }, { left: Math.floor(width / 3), top: Math.floor(height / 4), width: Math.floor(width / 3), height: Math.floor(height / 2) }),
  filename: 'shoe.jpg',
});

describe('credits', () => {
  let t: TestHub;
  const engine = new SegmentationControl();
  beforeAll(async () => {
    t = await startTestHub({ WEBHOOKS_ALLOW_PRIVATE: 'true', TASK_RETRY_DELAY_MS: '20' });
    engine.install();
  });
  afterAll(async () => {
    engine.restore();
    await t.close();
  });

  /** A new organization with a live key and the given balance. */
  const account = async (balance?: number, options: { mode?: 'live' | 'test'; scopes?: string[] } = {}) => {
    const { key, me, owner } = await t.newKey(options);
    if (balance !== undefined) await t.hub.db.getRepository(OrganizationRow).update({ id: me.organization.id }, { creditsBalance: balance });
    return { api: t.client({ apiKey: key.key }), owner, organizationId: me.organization.id };
  };
  const balanceOf = async (organizationId: string) => (await t.hub.db.getRepository(OrganizationRow).findOneByOrFail({ id: organizationId })).creditsBalance;

  it('charges a sync call its price once it succeeded, and shows the account', async () => {
    const { api, owner, organizationId } = await account();
    const answer = await api.removeBackground(await shot());
    expect(answer.credits_charged).toBe(3);
    const bytes = await api.operationBytes('process', { image: await shot() }, { width: 100, height: 100 });
    expect(bytes.headers['x-pixport-credits-charged']).toBe('1');
    expect(await balanceOf(organizationId)).toBe(100 - 3 - 1);
    const failed = await failureOf(api.processImage({ data: pngDeclaring(64, 64), filename: 'broken.png' }));
    expect(failed.status).toBe(400);
    expect(await balanceOf(organizationId)).toBe(96);

    const viaSession = await owner.account();
    expect(viaSession).toMatchObject({
      organization: { id: organizationId },
      plan: { name: 'free', monthly_credits: 100 },
      credits: { balance: 96, reserved: 0, monthly: 100, low_threshold: 20, costs: { process: 1, 'remove-background': 3, 'gif-from-video': 5 } },
      key: null,
    });
    expect(Date.parse(viaSession.credits.period_end) - Date.parse(viaSession.credits.period_start)).toBeGreaterThan(27 * 86_400_000);
    const viaKey = await api.account();
    expect(viaKey.key).toMatchObject({ mode: 'live', prefix: expect.stringMatching(/^pxp_live_/) });
    const narrow = await account(undefined, { scopes: ['process'] });
    expect((await failureOf(narrow.api.account())).code).toBe('insufficient_scope');
  });

  it('answers 402 insufficient_credits with the balance and the cost, before any work', async () => {
    const { api, organizationId } = await account(2);
    const runs = engine.runs;
    const refused = await failureOf(api.removeBackground(await shot()));
    expect(refused.status).toBe(402);
    expect(refused.problem).toMatchObject({ code: 'insufficient_credits', balance: 2, cost: 3, operation: 'remove-background' });
    expect(engine.runs).toBe(runs);
    expect(await balanceOf(organizationId)).toBe(2);
    expect((await api.processImage(await shot(), { width: 100, height: 100 })).credits_charged).toBe(1);
  });

  it('never goes below zero: 50 parallel calls against a balance of 10 give 10 answers and 40 × 402', async () => {
    const { api, organizationId } = await account(10);
    const image = await shot(120, 80);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => api.raw({ method: 'post', url: '/api/v1/compliance', data: multipartForm({ marketplace: 'shopify' }, { image }) })),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 402)).toHaveLength(40);
    expect(await balanceOf(organizationId)).toBe(0);
  });

  it('test-mode keys spend nothing and get preview-size outputs', async () => {
    const { api, organizationId } = await account(undefined, { mode: 'test' });
    const answer = await api.processImage(await shot(), { width: 2000, height: 2000, format: 'png' });
    expect(answer.credits_charged).toBe(0);
    expect(answer.output.width! * answer.output.height!).toBeLessThanOrEqual(250_000);
    expect(answer.output).toMatchObject({ width: 500, height: 500 });
    expect(answer.metadata).toMatchObject({ preview: true, full_width: 2000, full_height: 2000 });
    const file = Buffer.from((await api.downloadResult(answer.output.url)).data);
    expect(await describeImage(file)).toMatchObject({ width: 500, height: 500, format: 'png' });
    const task = await api.submitTask('upscale', { image: await shot() }, { scale: 4 }, { wait: 30 });
    expect(task.status).toBe('succeeded');
    expect(task.output!.width! * task.output!.height!).toBeLessThanOrEqual(250_000);
    expect(await balanceOf(organizationId)).toBe(100);
  });

  it('reserves a task’s price at 202, keeps it on success and gives it back on failure or cancel', async () => {
    const { api, owner, organizationId } = await account(20);
    const done = await api.submitTask('remove-background', { image: await shot() }, {}, { wait: 30 });
    expect(done.status).toBe('succeeded');
    expect(await balanceOf(organizationId)).toBe(17);

    const broken = await api.submitTask('process', { image: { data: pngDeclaring(64, 64), filename: 'broken.png' } }, {}, { wait: 30 });
    expect(broken.status).toBe('failed');
    await waitUntil(async () => (await balanceOf(organizationId)) === 17);

    engine.hold();
    let held: Task;
    let queued: Task;
    try {
      const blocked = engine.blocked;
      held = await api.submitTask('remove-background', { image: await shot() });
      await engine.untilBlocked(blocked + 1);
      queued = await api.submitTask('remove-background', { image: await shot() });
      const tasks = [held, queued];
      expect(tasks.every(Boolean)).toBe(true);
      expect(await balanceOf(organizationId)).toBe(11);
      expect((await owner.account()).credits).toMatchObject({ balance: 11, reserved: 6 });
      await api.cancelTask(queued.id);
      await api.cancelTask(held.id);
    } finally {
      engine.release();
    }
    await waitUntil(async () => (await balanceOf(organizationId)) === 17);
    expect((await owner.account()).credits.reserved).toBe(0);
  });

  it('refuses a task with 402 and creates nothing when the balance cannot cover it', async () => {
    const { api, organizationId } = await account(4);
    await api.submitTask('remove-background', { image: await shot() });
    const refused = await failureOf(api.submitTask('upscale', { image: await shot() }));
    expect(refused.status).toBe(402);
    expect(refused.problem).toMatchObject({ code: 'insufficient_credits', balance: 1, cost: 2 });
    expect((await api.listTasks()).data).toHaveLength(1);
    await waitUntil(async () => (await api.listTasks()).data[0]!.status === 'succeeded');
    expect(await balanceOf(organizationId)).toBe(1);
  });

  it('a replayed task submission (same Idempotency-Key) charges nothing', async () => {
    const { api, organizationId } = await account(10);
    const image = await shot();
    const form = () => multipartForm({ operation: 'upscale', scale: '2' }, { image });
    const first = await api.raw<Task>({ method: 'post', url: '/api/v1/jobs', data: form(), headers: { 'Idempotency-Key': 'charge-once' } });
    const again = await api.raw<Task>({ method: 'post', url: '/api/v1/jobs', data: form(), headers: { 'Idempotency-Key': 'charge-once' } });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.data.id).toBe(first.data.id);
    expect(await balanceOf(organizationId)).toBe(8);
  });

  it('sends credits.low and credits.exhausted to subscribed webhooks, once per period', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      const { api, organizationId } = await account(21, { scopes: [] });
      await api.createWebhook({ url: receiver.url, events: ['credits.low', 'credits.exhausted'] });
      for (let i = 0; i < 3; i++) await api.processImage(await shot(), { width: 50, height: 50 }); // 21 → 18
      const [low] = await receiver.waitFor(1);
      expect(JSON.parse(low!.body)).toMatchObject({ event: 'credits.low', balance: 19, threshold: 20, monthly_credits: 100 });
      await t.hub.db.getRepository(OrganizationRow).update({ id: organizationId }, { creditsBalance: 21 });
      await api.processImage(await shot(), { width: 50, height: 50 });
      await api.processImage(await shot(), { width: 50, height: 50 }); // crosses again in the same period: not sent again
      await t.hub.db.getRepository(OrganizationRow).update({ id: organizationId }, { creditsBalance: 3 });
      await api.removeBackground(await shot());
      const [, exhausted] = await receiver.waitFor(2);
      expect(JSON.parse(exhausted!.body)).toMatchObject({ event: 'credits.exhausted', balance: 0 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.requests).toHaveLength(2);
      expect((await failureOf(api.processImage(await shot()))).code).toBe('insufficient_credits');
    } finally {
      await receiver.close();
    }
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

