import { describe, expect, it } from '@jest/globals';
import crypto from 'node:crypto';
import { UrlSigner } from './url-signer.js';

const parts = (signed: string) => {
  const url = new URL(signed, 'http://hub.test');
  return {
    path: url.pathname,
    expires: url.searchParams.get('expires') ?? undefined,
    signature: url.searchParams.get('signature') ?? undefined,
  };
};

describe('UrlSigner', () => {
  const key = crypto.randomBytes(32);
  const signer = new UrlSigner([key]);
  const later = new Date(Date.now() + 60_000);

  it('accepts its own links until they expire', () => {
    const { path, expires, signature } = parts(signer.sign('/p/res_1.png', later));
    expect(signer.verify(path, expires, signature)).toBe('valid');
    expect(signer.verify(path, expires, signature, new Date(later.getTime() + 1000))).toBe('expired');
  });

  it('refuses any change to the path, the expiry or the signature, and missing parts', () => {
    const { path, expires, signature } = parts(signer.sign('/p/res_1.png', later));
    expect(signer.verify('/p/res_2.png', expires, signature)).toBe('invalid');
    expect(signer.verify(path, String(Number(expires) + 3600), signature)).toBe('invalid');
    expect(
      signer.verify(
        path,
        expires,
        signature!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')),
      ),
    ).toBe('invalid');
    expect(signer.verify(path, expires, signature!.toUpperCase())).toBe('invalid');
    expect(signer.verify(path, undefined, signature)).toBe('invalid');
    expect(signer.verify(path, expires, undefined)).toBe('invalid');
    expect(signer.verify(path, '-1', signature)).toBe('invalid');
  });

  it('keeps verifying links of a rotated-out key, and signs with the first key only', () => {
    const fresh = crypto.randomBytes(32);
    const old = parts(signer.sign('/p/x.jpg', later));
    const rotated = new UrlSigner([fresh, key]);
    expect(rotated.verify(old.path, old.expires, old.signature)).toBe('valid');
    const signed = parts(rotated.sign('/p/x.jpg', later));
    expect(signer.verify(signed.path, signed.expires, signed.signature)).toBe('invalid');
    expect(new UrlSigner([fresh]).verify(signed.path, signed.expires, signed.signature)).toBe('valid');
  });
});
