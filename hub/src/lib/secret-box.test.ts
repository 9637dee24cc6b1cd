import { describe, expect, it } from '@jest/globals';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../test-support/test-database.js';
import { SecretBox, SecretBoxError, loadOrCreateKeyFile, parseSecretKey } from './secret-box.js';

const keyA = crypto.randomBytes(32);
const keyB = crypto.randomBytes(32);

describe('SecretBox', () => {
  it('round-trips and never stores the plaintext', () => {
    const box = new SecretBox([keyA]);
    const sealed = box.seal('shpat_0123456789', 'integration:int_1');
    expect(sealed).not.toContain('shpat');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(box.open(sealed, 'integration:int_1')).toBe('shpat_0123456789');
    expect(box.seal('same', 'c')).not.toBe(box.seal('same', 'c'));
  });

  it('refuses a value opened in another context', () => {
    const box = new SecretBox([keyA]);
    const sealed = box.seal('whsec_abc', 'webhook:wh_1');
    expect(() => box.open(sealed, 'webhook:wh_2')).toThrow(SecretBoxError);
  });

  it('refuses tampered ciphertext, tag and malformed values', () => {
    const box = new SecretBox([keyA]);
    const parts = box.seal('secret value', 'ctx').split('.');
    const flip = (text: string) => {
      const bytes = Buffer.from(text, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString('base64url');
    };
    expect(() => box.open([...parts.slice(0, 4), flip(parts[4]!)].join('.'), 'ctx')).toThrow(SecretBoxError);
    expect(() => box.open([...parts.slice(0, 3), flip(parts[3]!), parts[4]].join('.'), 'ctx')).toThrow(SecretBoxError);
    expect(() => box.open('plain text', 'ctx')).toThrow(SecretBoxError);
  });

  it('opens values of a previous key after rotation and seals with the first key', () => {
    const old = new SecretBox([keyA]);
    const sealedOld = old.seal('v', 'ctx');
    const rotated = new SecretBox([keyB, keyA]);
    expect(rotated.open(sealedOld, 'ctx')).toBe('v');
    const sealedNew = rotated.seal('w', 'ctx');
    expect(() => old.open(sealedNew, 'ctx')).toThrow(/unknown key/);
  });

  it('seals JSON', () => {
    const box = new SecretBox([keyA]);
    expect(box.openJson(box.sealJson({ key: 'ck', secret: 'cs' }, 'x'), 'x')).toEqual({ key: 'ck', secret: 'cs' });
  });
});

describe('key material', () => {
  it('parses hex and base64 keys and refuses other lengths', () => {
    expect(parseSecretKey(keyA.toString('hex'))).toEqual(keyA);
    expect(parseSecretKey(keyA.toString('base64'))).toEqual(keyA);
    expect(parseSecretKey('short')).toBeUndefined();
  });

  it('creates the key file once, private, and reuses it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'secrets.key');
    const first = loadOrCreateKeyFile(file);
    expect(loadOrCreateKeyFile(file)).toEqual(first);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
