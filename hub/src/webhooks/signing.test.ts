import crypto from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { generateSecret, secretProblem, signPayload } from './signing.js';

const body = JSON.stringify({ event: 'task.succeeded', task_id: 'tsk_1', note: 'ünïcode' });

describe('webhook signing', () => {
  it('signs a generated whsec_ secret so the standardwebhooks library verifies it', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const headers = signPayload({ id: 'msg_1', timestamp: new Date(), body, secret });
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('uses a plain user secret as raw bytes (verified with format: raw)', () => {
    const secret = 'shared-secret-of-the-user';
    const headers = signPayload({ id: 'msg_2', timestamp: new Date(), body, secret });
    expect(new Webhook(secret, { format: 'raw' }).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(Buffer.from('another-secret-entirely')).verify(body, { ...headers })).toThrow();
  });

  it('fails verification when the body, id or timestamp changes, or the timestamp is stale', () => {
    const secret = generateSecret();
    const verifier = new Webhook(secret);
    const now = new Date();
    const headers = signPayload({ id: 'msg_3', timestamp: now, body, secret });
    expect(() => verifier.verify(body.replace('tsk_1', 'tsk_2'), { ...headers })).toThrow();
    expect(() => verifier.verify(body, { ...headers, 'webhook-id': 'msg_4' })).toThrow();
    expect(() => verifier.verify(body, { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) + 1) })).toThrow();
    const old = signPayload({ id: 'msg_3', timestamp: new Date(now.getTime() - 10 * 60_000), body, secret });
    expect(() => verifier.verify(body, { ...old })).toThrow(/timestamp/i);
  });

  it('adds X-Pixport-Signature: sha256=<hex HMAC of the raw body> with the same key', () => {
    const plain = 'shared-secret-of-the-user';
    expect(signPayload({ id: 'm', timestamp: new Date(), body, secret: plain })['X-Pixport-Signature']).toBe(
      `sha256=${crypto.createHmac('sha256', plain).update(body).digest('hex')}`,
    );
    const generated = generateSecret();
    const key = Buffer.from(generated.slice('whsec_'.length), 'base64');
    expect(signPayload({ id: 'm', timestamp: new Date(), body, secret: generated })['X-Pixport-Signature']).toBe(
      `sha256=${crypto.createHmac('sha256', key).update(body).digest('hex')}`,
    );
  });

  it('accepts usable secrets and names what is wrong with the others', () => {
    expect(secretProblem(generateSecret())).toBeUndefined();
    expect(secretProblem('a-plain-secret-16')).toBeUndefined();
    expect(secretProblem('short')).toMatch(/at least 16/);
    expect(secretProblem('whsec_not*base64')).toMatch(/base64/);
    expect(secretProblem(`whsec_${Buffer.alloc(8).toString('base64')}`)).toMatch(/24 to 64 bytes/);
    expect(secretProblem('x'.repeat(300))).toMatch(/at most 256/);
  });
});
