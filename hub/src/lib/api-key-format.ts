import zlib from 'node:zlib';
import type { KeyMode } from '@pixport/shared';
import { randomBase62, sha256Hex, toBase62 } from './ids.js';

/**
 * API key format: `pxp_live_` / `pxp_test_`, 32 random base62 characters (≈190 bits), then a
 * 6-character base62 CRC32 of everything before it. The checksum lets the hub (and secret
 * scanners) reject malformed or mistyped keys without a database read.
 */
const KEY_PATTERN = /^pxp_(live|test)_([0-9A-Za-z]{32})([0-9A-Za-z]{6})$/;
export const KEY_PREFIX_LENGTH = 12;

export interface GeneratedKey {
  key: string;
  hash: string;
  prefix: string;
  last4: string;
}

const checksum = (body: string) => toBase62(zlib.crc32(body), 6);

export function generateApiKey(mode: KeyMode): GeneratedKey {
  const body = `pxp_${mode}_${randomBase62(32)}`;
  const key = body + checksum(body);
  return { key, hash: sha256Hex(key), prefix: key.slice(0, KEY_PREFIX_LENGTH), last4: key.slice(-4) };
}

/** The key's mode when its shape and checksum are right; undefined otherwise. */
export function parseApiKey(raw: string): { mode: KeyMode } | undefined {
  const match = KEY_PATTERN.exec(raw);
  if (!match) return undefined;
  const body = raw.slice(0, -6);
  return checksum(body) === match[3] ? { mode: match[1] as KeyMode } : undefined;
}

export function maskKey(prefix: string, last4: string): string {
  return `${prefix}…${last4}`;
}
