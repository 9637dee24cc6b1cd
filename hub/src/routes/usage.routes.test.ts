import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreditReservationRow } from '../db/entities/credit-reservation.entity.js';
import { productOn } from '../processing/test-images.js';
import { failureOf } from '../test-support/failure.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

describe('usage logs and snapshot', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('writes one row per key-authenticated request, with operation, platform, status and request id', async () => {
    const { owner, key } = await t.newKey();
    const plugin = t.client({ apiKey: key.key, clientPlatform: 'wordpress' });
    await plugin.validateKey();
    await plugin.reportUsage({ tool: 'rm-bg', count: 5 });
    const bad = await failureOf(t.client({ apiKey: key.key }).reportUsage({ tool: 'nope' as never }));
    expect(bad.status).toBe(422);

    const logs = await owner.usageLogs();
    expect(logs.data).toHaveLength(3);
    const [invalid, report, validate] = logs.data;
    expect(validate).toMatchObject({
      key_id: key.id,
      method: 'POST',
      route: '/api/wordpress-plugin/auth/validate',
      operation: 'auth.validate',
      status: 200,
      platform: 'wordpress',
      heavy: false,
      units: 1,
    });
    expect(report).toMatchObject({ operation: 'remove-background', units: 5, heavy: true, status: 200 });
    expect(invalid).toMatchObject({ status: 422, platform: 'direct' });
    expect(validate!.request_id).toMatch(/^req_/);
    expect(validate!.bytes_out).toBeGreaterThan(0);
    expect(report!.bytes_in).toBeGreaterThan(0);
  });

  it('pages logs with a cursor and filters them', async () => {
    const { owner, key } = await t.newKey();
    const api = t.client({ apiKey: key.key });
    for (let i = 0; i < 5; i++) await api.validateKey();
    await api.reportUsage({ tool: 'ocr' });
    const first = await owner.usageLogs({ limit: 4 });
    expect(first.data).toHaveLength(4);
    const second = await owner.usageLogs({ limit: 4, cursor: first.next_cursor! });
    expect(second.data).toHaveLength(2);
    expect(second.next_cursor).toBeNull();
    const ids = [...first.data, ...second.data].map((row) => row.id);
    expect(new Set(ids).size).toBe(6);
    expect([...ids].sort().reverse()).toEqual(ids);
    expect((await owner.usageLogs({ operation: 'ocr' })).data).toHaveLength(1);
    expect((await owner.usageLogs({ platform: 'wordpress' })).data).toHaveLength(0);
  });

  it('summarises usage by operation and by day, reachable with a usage:read key', async () => {
    const { key } = await t.newKey({ scopes: ['usage:read', 'usage:report'] });
    const api = t.client({ apiKey: key.key });
    await api.reportUsage({ tool: 'ocr', count: 2 });
    await api.reportUsage({ tool: 'teleport' as never }).catch(() => undefined);
    const snapshot = await api.usage();
    const today = new Date().toISOString().slice(0, 10);
    expect(snapshot.range.to).toBe(today);
    expect(snapshot.by_day).toHaveLength(30);
    expect(snapshot.by_day.at(-1)).toEqual({ date: today, requests: 2, errors: 1 });
    expect(snapshot).toMatchObject({
      total_requests: 2,
      errors: 1,
      success_rate: 0.5,
      heavy_calls: 1,
      units_reported: 2,
    });
    expect(snapshot.by_operation).toEqual(
      expect.arrayContaining([{ operation: 'ocr', requests: 1, errors: 0, units: 2 }]),
    );
    expect(snapshot.average_duration_ms).toEqual(expect.any(Number));
    expect(Date.parse(snapshot.last_request_at!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('breaks usage down by day and operation, with the credits tasks captured', async () => {
    const { key, me } = await t.newKey();
    const api = t.client({ apiKey: key.key });
    const image = { data: await productOn('#ffffff', { width: 200, height: 200 }, { left: 50, top: 50, width: 100, height: 100 }), filename: 'a.jpg' };
    for (let i = 0; i < 2; i++) {
      const task = await api.submitTask('process', { image }, { width: 100, height: 100 });
      expect((await api.waitForTask(task.id)).status).toBe('succeeded');
    }
    await api.processImage(image, { width: 80, height: 80 });
    // A task three days ago (as a bulk run submits them: no request of its own).
    const earlier = new Date(Date.now() - 3 * 86_400_000);
    await t.hub.db.getRepository(CreditReservationRow).insert({
      id: 'crd_usageByDayOperation01', organizationId: me.organization.id, taskId: 'task_usageByDayOperation1',
      operation: 'upscale', amount: 2, status: 'captured', createdAt: earlier, settledAt: earlier,
    });
    const today = new Date().toISOString().slice(0, 10);
    const rows = (await api.usage()).by_day_operation;
    expect(rows).toEqual(
      expect.arrayContaining([
        { date: earlier.toISOString().slice(0, 10), operation: 'upscale', requests: 0, errors: 0, credits: 2 },
        { date: today, operation: 'process', requests: expect.any(Number), errors: 0, credits: 2 },
      ]),
    );
    // Two task submissions and one sync call; the task polls are reads without an operation.
    expect(rows.find((row) => row.date === today && row.operation === 'process')!.requests).toBe(3);
    expect(rows.map((row) => row.date)).toEqual([...rows.map((row) => row.date)].sort());
  });

  it('keeps organizations apart', async () => {
    const a = await t.newKey();
    const b = await t.newKey();
    await t.client({ apiKey: a.key.key }).validateKey();
    expect((await b.owner.usageLogs()).data).toEqual([]);
    expect((await b.owner.usage()).total_requests).toBe(0);
  });

  it('rejects bad ranges and cursors with 422', async () => {
    const { client } = await t.newAccount('Ranges');
    const status = async (promise: Promise<unknown>) => (await failureOf(promise)).status;
    for (const query of [
      { from: '2026-13-01' },
      { to: '2026-02-30' },
      { from: '2026-05-02', to: '2026-05-01' },
      { from: '2020-01-01', to: '2026-01-01' },
    ]) {
      expect(await status(client.usage(query))).toBe(422);
    }
    for (const query of [{ limit: 0 }, { limit: 500 }, { status: 'x' }, { platform: 'fax' }]) {
      expect(await status(client.usageLogs(query))).toBe(422);
    }
    expect((await failureOf(client.audit({ cursor: 'not-a-cursor' }))).status).toBe(422);
  });
});
