import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import type { HubClient } from '@pixport/shared';
import { describeImage, productOn } from '../processing/test-images.js';
import { failureOf } from '../test-support/failure.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { WebhookReceiver } from '../test-support/webhook-receiver.js';

const shot = async () => ({ data: await productOn('#ffffff', { width: 300, height: 200 }, { left: 100, top: 50, width: 100, height: 100 }), filename: 'shoe.jpg' });

describe('saved presets', () => {
  let t: TestHub;
  let api: HubClient;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    t = await startTestHub({ WEBHOOKS_ALLOW_PRIVATE: 'true' });
    receiver = await WebhookReceiver.start();
    const { key } = await t.newKey({ scopes: ['process', 'presets:manage', 'tasks:read', 'tasks:write', 'usage:read'] });
    api = t.client({ apiKey: key.key });
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it('saves, lists, reads, changes and deletes a preset', async () => {
    const created = await api.createPreset({ name: 'square-white', operation: 'process', params: { width: 1200, height: 1200, background: '#ffffff', format: 'jpeg' } });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^pre_/),
      name: 'square-white',
      operation: 'process',
      params: { width: 1200, height: 1200, background: '#ffffff', format: 'jpeg' },
      webhook: null,
    });
    expect((await api.listPresets()).data.map((preset) => preset.id)).toContain(created.id);
    expect(await api.getPreset(created.id)).toEqual(created);
    const changed = await api.updatePreset(created.id, { name: 'square-white-2', params: { width: 900, height: 900 } });
    expect(changed).toMatchObject({ name: 'square-white-2', params: { width: 900, height: 900 } });
    await api.deletePreset(created.id);
    expect((await failureOf(api.getPreset(created.id))).code).toBe('not_found');
  });

  it('validates parameters against the operation when saved, naming each bad field', async () => {
    const cases: Array<[object, string]> = [
      [{ name: 'a', operation: 'process', params: { width: 0 } }, 'params.width'],
      [{ name: 'b', operation: 'process', params: { colour: 'red' } }, 'params'],
      [{ name: 'c', operation: 'upscale', params: { scale: 3 } }, 'params.scale'],
      [{ name: 'd', operation: 'teleport', params: {} }, 'operation'],
      [{ name: 'amazon', operation: 'process', params: {} }, 'name'],
      [{ name: 'pre_fake', operation: 'process', params: {} }, 'name'],
      [{ name: '', operation: 'process' }, 'name'],
      [{ name: 'e', operation: 'process', webhook_events: ['failed'] }, 'webhook_url'],
      [{ name: 'f', operation: 'process', webhook_url: 'ftp://x.example/hook' }, 'webhook_url'],
      [{ name: 'g', operation: 'process', extra: true }, 'body'],
    ];
    for (const [body, field] of cases) {
      const failure = await failureOf(api.createPreset(body as never));
      expect(failure.status).toBe(422);
      expect(failure.problem.errors?.map((error) => error.field).join(' ')).toContain(field);
    }
    await api.createPreset({ name: 'taken', operation: 'ocr' });
    expect((await failureOf(api.createPreset({ name: 'taken', operation: 'ocr' }))).status).toBe(409);
    const gif = await api.createPreset({ name: 'rm-bg-alias', operation: 'rm-bg', params: { crop: true } });
    expect(gif.operation).toBe('remove-background');
  });

  it('applies preset=<name or id> to a sync call; explicit fields override it', async () => {
    const preset = await api.createPreset({ name: 'catalog-1000', operation: 'process', params: { width: 1000, height: 800, format: 'png', background: '#ff0000' } });
    const byName = await api.processImage(await shot(), { preset: 'catalog-1000' });
    expect(byName.output).toMatchObject({ width: 1000, height: 800, content_type: 'image/png' });
    const byId = await api.processImage(await shot(), { preset: preset.id, width: 400, format: 'jpeg' });
    expect(byId.output).toMatchObject({ width: 400, height: 800, content_type: 'image/jpeg' });
    expect(await describeImage(Buffer.from((await api.downloadResult(byId.output.url)).data))).toMatchObject({ width: 400, height: 800 });
    const logs = await api.usageLogs({ operation: 'process', limit: 2 });
    expect(logs.data.map((row) => row.label)).toEqual(['catalog-1000', 'catalog-1000']);
  });

  it('expands a marketplace preset saved inside a preset, the saved fields winning', async () => {
    await api.createPreset({ name: 'amazon-small', operation: 'process', params: { preset: 'amazon', width: 1000 } });
    const answer = await api.processImage(await shot(), { preset: 'amazon-small' });
    expect(answer.output).toMatchObject({ width: 1000, height: 2000, content_type: 'image/jpeg' });
    expect(answer.metadata).toMatchObject({ preset: 'amazon', background: '#ffffff' });
  });

  it('refuses a preset of another operation, an unknown one, and another organization’s', async () => {
    await api.createPreset({ name: 'ocr-only', operation: 'ocr' });
    const wrong = await failureOf(api.processImage(await shot(), { preset: 'ocr-only' }));
    expect(wrong.problem.errors).toEqual([{ field: 'preset', message: 'preset "ocr-only" is for ocr, not process' }]);
    expect((await failureOf(api.processImage(await shot(), { preset: 'no-such-preset' }))).problem.errors?.[0]?.field).toBe('preset');
    const other = await t.newKey();
    const theirs = t.client({ apiKey: other.key.key });
    const foreign = await api.createPreset({ name: 'mine-only', operation: 'process', params: { width: 50 } });
    expect((await failureOf(theirs.processImage(await shot(), { preset: 'mine-only' }))).status).toBe(422);
    expect((await failureOf(theirs.processImage(await shot(), { preset: foreign.id }))).status).toBe(422);
    expect((await failureOf(theirs.getPreset(foreign.id))).status).toBe(404);
    expect((await failureOf(theirs.deletePreset(foreign.id))).status).toBe(404);
  });

  it('gives a task submitted with a preset the preset’s parameters and callback, signed with its secret', async () => {
    const preset = await api.createPreset({
      name: 'cutout-hook',
      operation: 'remove-background',
      params: { crop: true, format: 'png' },
      webhook_url: `${receiver.url}/preset`,
      webhook_events: ['succeeded'],
      webhook_secret: 'preset-callback-secret',
    });
    expect(preset.webhook).toEqual({ url: `${receiver.url}/preset`, events: ['succeeded'], has_secret: true });
    const task = await api.submitTask('remove-background', { image: await shot() }, { preset: 'cutout-hook' }, { wait: 30 });
    expect(task).toMatchObject({ status: 'succeeded', params: expect.objectContaining({ crop: true, format: 'png' }), webhook: preset.webhook });
    const [request] = await receiver.waitFor(1);
    expect(request!.path).toBe('/preset');
    expect(new Webhook('preset-callback-secret', { format: 'raw' }).verify(request!.body, request!.headers)).toMatchObject({ task_id: task.id, event: 'task.succeeded' });

    const before = receiver.requests.length;
    const overridden = await api.submitTask('remove-background', { image: await shot() }, { preset: 'cutout-hook', crop: false }, { webhookUrl: `${receiver.url}/explicit`, wait: 30 });
    expect(overridden.params).toMatchObject({ crop: false });
    expect(overridden.webhook).toMatchObject({ url: `${receiver.url}/explicit`, has_secret: false });
    const requests = await receiver.waitFor(before + 1);
    expect(requests[before]!.path).toBe('/explicit');

    const cleared = await api.updatePreset(preset.id, { webhook_url: null });
    expect(cleared.webhook).toBeNull();
  });
});

describe('preset callback URLs with the SSRF guard on', () => {
  it('refuses private and metadata addresses with 422', async () => {
    const t = await startTestHub();
    try {
      const { key } = await t.newKey();
      const api = t.client({ apiKey: key.key });
      for (const url of ['http://127.0.0.1:8080/hook', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/']) {
        const failure = await failureOf(api.createPreset({ name: 'hooked', operation: 'ocr', webhook_url: url }));
        expect(failure.problem.errors).toEqual([{ field: 'webhook_url', message: expect.any(String) }]);
      }
      const preset = await api.createPreset({ name: 'plain', operation: 'ocr' });
      expect((await failureOf(api.updatePreset(preset.id, { webhook_url: 'http://10.0.0.1/' }))).status).toBe(422);
    } finally {
      await t.close();
    }
  });
});
