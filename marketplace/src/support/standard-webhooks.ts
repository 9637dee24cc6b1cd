// Standard Webhooks signatures (webhook-id / webhook-timestamp / webhook-signature "v1,<base64 HMAC-SHA256>"),
// used to sign both directions of the Amazon bridge protocol.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_TOLERANCE_SECONDS = 300;

function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
}

export function signature(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export function signedHeaders(secret: string, body: string, id = `msg_${randomUUID()}`, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature(secret, id, timestamp, body) };
}

/** True when one of the space-separated v1 signatures matches and the timestamp is within tolerance. */
export function verifySignature(secret: string, headers: Record<string, string | string[] | undefined>, body: string, now = Date.now()): boolean {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const id = header('webhook-id');
  const timestamp = Number(header('webhook-timestamp'));
  const given = header('webhook-signature');
  if (!id || !given || !Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signature(secret, id, timestamp, body));
  return given.split(' ').some((candidate) => {
    const buffer = Buffer.from(candidate);
    return buffer.length === expected.length && timingSafeEqual(buffer, expected);
  });
}
