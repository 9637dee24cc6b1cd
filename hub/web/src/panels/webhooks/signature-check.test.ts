/** @jest-environment node */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { headerLines, startReceiver, type Received } from '../../../test-support/receiver.js';
import { startRealHub, type RealHub } from '../../../test-support/real-hub.js';
import { checkSignature, parseHeaders, secretBytes } from './signature-check.js';

/** Checked against deliveries the hub really signed and sent to a receiver on 127.0.0.1. */
describe('the signature checker, on real deliveries', () => {
  let hub: RealHub;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let plain: { secret: string; delivery: Received };
  let generated: { secret: string; delivery: Received };
  beforeAll(async () => {
    hub = await startRealHub({ WEBHOOKS_ALLOW_PRIVATE: 'true' });
    receiver = await startReceiver();
    const { client } = await hub.newAccount('Signer');
    const own = 'my-own-plain-secret-123';
    const first = await client.createWebhook({ url: receiver.url, events: ['task.succeeded'], secret: own });
    await client.testWebhook(first.id);
    plain = { secret: own, delivery: receiver.received.at(-1)! };
    const second = await client.createWebhook({ url: receiver.url, events: ['task.failed'] });
    await client.testWebhook(second.id);
    generated = { secret: second.secret, delivery: receiver.received.at(-1)! };
  }, 60_000);
  afterAll(async () => {
    await receiver.close();
    await hub.close();
  });

  const check = (delivery: Received, secret: string, change: { body?: string; headers?: string } = {}) =>
    checkSignature({
      headers: change.headers ?? headerLines(delivery.headers),
      body: change.body ?? delivery.body,
      secret,
    });

  it('accepts what the hub sent, with a plain secret and with a generated whsec_ secret', async () => {
    for (const { delivery, secret } of [plain, generated]) {
      const result = await check(delivery, secret);
      expect(result).toMatchObject({
        valid: true,
        verdict: 'Valid: the message comes from the hub and is unchanged.',
      });
      expect(result.parts.map((part) => part.part)).toEqual([
        'secret',
        'webhook-id',
        'webhook-timestamp',
        'webhook-signature',
        'x-pixport-signature',
      ]);
    }
  });

  it('says the body changed when one byte of it did', async () => {
    const result = await check(plain.delivery, plain.secret, {
      body: plain.delivery.body.replace('ping', 'pong'),
    });
    expect(result.valid).toBe(false);
    expect(result.verdict).toMatch(/body differs/);
    expect(result.parts.filter((part) => !part.ok).map((part) => part.part)).toEqual([
      'webhook-signature',
      'x-pixport-signature',
    ]);
  });

  it('says a header was changed when the body and secret still match', async () => {
    const headers = headerLines({ ...plain.delivery.headers, 'webhook-id': 'msg_forged' });
    const result = await check(plain.delivery, plain.secret, { headers });
    expect(result.verdict).toMatch(/webhook-id or webhook-timestamp header was changed/);
  });

  it('fails with another subscription’s secret, and names an unusable one', async () => {
    expect((await check(plain.delivery, generated.secret)).valid).toBe(false);
    expect((await check(plain.delivery, 'whsec_***')).parts[0]).toMatchObject({ part: 'secret', ok: false });
  });

  it('refuses a timestamp outside five minutes (a replay)', async () => {
    const result = await checkSignature({
      headers: headerLines(plain.delivery.headers),
      body: plain.delivery.body,
      secret: plain.secret,
      now: Date.now() + 10 * 60_000,
    });
    expect(result.parts.find((part) => part.part === 'webhook-timestamp')).toMatchObject({ ok: false });
    expect(result.valid).toBe(false);
  });

  it('reads pasted header lines and secrets', () => {
    expect(parseHeaders('Webhook-Id: msg_1\r\nX-Other:  a:b \nnot a header')).toEqual(
      new Map([
        ['webhook-id', 'msg_1'],
        ['x-other', 'a:b'],
      ]),
    );
    expect([...secretBytes('whsec_AQID')!]).toEqual([1, 2, 3]);
    expect(secretBytes('whsec_%%%')).toBeUndefined();
  });
});
