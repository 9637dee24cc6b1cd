/**
 * The signature checker: given the headers and raw body a receiver got and the subscription's secret, which
 * part of the Standard Webhooks signature (or of `X-Pixport-Signature`) fails. WebCrypto HMAC-SHA256, so it runs
 * in the browser (secure contexts: https or localhost) and in Node 20.
 */
export interface CheckedPart {
  part: string;
  ok: boolean;
  detail: string;
}

export interface SignatureCheck {
  valid: boolean;
  parts: CheckedPart[];
  /** One sentence: what to fix. */
  verdict: string;
}

const TOLERANCE_SECONDS = 5 * 60;

/** `Name: value` lines (as copied from a request log), names lower-cased. */
export function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const index = line.indexOf(':');
    if (index > 0) headers.set(line.slice(0, index).trim().toLowerCase(), line.slice(index + 1).trim());
  }
  return headers;
}

/** The signing key: for `whsec_…` the base64 after the prefix, otherwise the secret's own UTF-8 bytes. */
export function secretBytes(secret: string): Uint8Array | undefined {
  const trimmed = secret.trim();
  if (!trimmed.startsWith('whsec_')) return new TextEncoder().encode(trimmed);
  try {
    const binary = atob(trimmed.slice('whsec_'.length));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

async function hmac(key: Uint8Array, message: string): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    key as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, new TextEncoder().encode(message)));
}

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const hex = (bytes: Uint8Array) => [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');

export async function checkSignature(input: {
  headers: string;
  body: string;
  secret: string;
  now?: number;
}): Promise<SignatureCheck> {
  if (!globalThis.crypto?.subtle) {
    return {
      valid: false,
      parts: [],
      verdict: 'This browser offers no WebCrypto here: open the dashboard over https or on localhost.',
    };
  }
  const headers = parseHeaders(input.headers);
  const parts: CheckedPart[] = [];
  const key = secretBytes(input.secret);
  parts.push(
    key && key.length > 0
      ? {
          part: 'secret',
          ok: true,
          detail: input.secret.trim().startsWith('whsec_')
            ? `whsec_ secret, ${key.length} bytes after base64.`
            : `plain secret, used as its ${key.length} UTF-8 bytes.`,
        }
      : { part: 'secret', ok: false, detail: 'Not usable: a whsec_ secret must be followed by base64.' },
  );

  const id = headers.get('webhook-id');
  const timestamp = headers.get('webhook-timestamp');
  const signatures = (headers.get('webhook-signature') ?? '').split(' ').filter(Boolean);
  parts.push(
    id ? { part: 'webhook-id', ok: true, detail: id } : { part: 'webhook-id', ok: false, detail: 'Missing.' },
  );
  const seconds = Number(timestamp);
  const age = Math.round((input.now ?? Date.now()) / 1000 - seconds);
  parts.push(
    !timestamp || !Number.isInteger(seconds)
      ? { part: 'webhook-timestamp', ok: false, detail: 'Missing or not whole seconds.' }
      : Math.abs(age) > TOLERANCE_SECONDS
        ? {
            part: 'webhook-timestamp',
            ok: false,
            detail: `${age} s old: outside the 5-minute tolerance (a replay, or a wrong clock).`,
          }
        : { part: 'webhook-timestamp', ok: true, detail: `${age} s old.` },
  );

  let standardOk = false;
  if (!signatures.length) parts.push({ part: 'webhook-signature', ok: false, detail: 'Missing.' });
  else if (key && id && timestamp) {
    const expected = base64(await hmac(key, `${id}.${timestamp}.${input.body}`));
    standardOk = signatures.some((signature) => signature === `v1,${expected}`);
    parts.push({
      part: 'webhook-signature',
      ok: standardOk,
      detail: standardOk
        ? 'A v1 signature matches.'
        : `No v1 signature matches HMAC-SHA256("${'{id}.{timestamp}.{body}'}").`,
    });
  }

  const simple = headers.get('x-pixport-signature');
  let simpleOk: boolean | undefined;
  if (simple && key) {
    simpleOk = simple === `sha256=${hex(await hmac(key, input.body))}`;
    parts.push({
      part: 'x-pixport-signature',
      ok: simpleOk,
      detail: simpleOk ? 'Matches the body.' : 'Does not match HMAC-SHA256(body).',
    });
  }

  const valid = parts.every((part) => part.ok);
  let verdict = 'Valid: the message comes from the hub and is unchanged.';
  if (!valid) {
    if (!key) verdict = 'Fix the secret first.';
    else if (simpleOk === true && !standardOk)
      verdict = 'The body and secret are right; the webhook-id or webhook-timestamp header was changed.';
    else if (simpleOk === false || !standardOk) {
      verdict =
        signatures.length || simple
          ? 'The body differs from what was signed (compare it byte for byte, before any JSON parsing), or this is not the subscription’s secret.'
          : 'The signature headers are missing.';
    } else verdict = parts.find((part) => !part.ok)!.detail;
  }
  return { valid, parts, verdict };
}
