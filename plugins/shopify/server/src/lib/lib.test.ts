import { describe, expect, it } from '@jest/globals';
import { SecretBox } from './secret-box.js';
import { MediaSigner } from './signed-url.js';
import { isHostFor, isShopDomain, shopFromDest } from './shop-domain.js';

const KEY = 'k'.repeat(40);

describe('SecretBox', () => {
  it('seals with a fresh nonce each time and opens only what it sealed, unaltered', () => {
    const box = new SecretBox(KEY);
    const a = box.seal('shpat_secret');
    expect(a).not.toContain('shpat_secret');
    expect(box.seal('shpat_secret')).not.toBe(a);
    expect(box.open(a)).toBe('shpat_secret');
    const parts = a.split('.');
    const flipped = [parts[0], parts[1], Buffer.from('x' + Buffer.from(parts[2]!, 'base64url').toString('latin1').slice(1), 'latin1').toString('base64url'), parts[3]].join('.');
    expect(() => box.open(flipped)).toThrow();
    expect(() => new SecretBox('another-key-'.repeat(4)).open(a)).toThrow();
    expect(() => box.open('plain-text')).toThrow('not a sealed value');
  });
});

describe('MediaSigner', () => {
  it('verifies its own links, refuses altered ones, and tells expired links apart', () => {
    let now = 1_800_000_000_000;
    const signer = new MediaSigner(KEY, () => now);
    const url = new URL(signer.url('a.myshopify.com', 'result', 'res_1', 60), 'http://x');
    const [exp, sig] = [url.searchParams.get('exp')!, url.searchParams.get('sig')!];
    expect(signer.verify('a.myshopify.com', 'result', 'res_1', exp, sig)).toBe('ok');
    expect(signer.verify('b.myshopify.com', 'result', 'res_1', exp, sig)).toBe('invalid');
    expect(signer.verify('a.myshopify.com', 'preview', 'res_1', exp, sig)).toBe('invalid');
    expect(signer.verify('a.myshopify.com', 'result', 'res_2', exp, sig)).toBe('invalid');
    expect(signer.verify('a.myshopify.com', 'result', 'res_1', String(Number(exp) + 1000), sig)).toBe('invalid');
    expect(signer.verify('a.myshopify.com', 'result', 'res_1', 'soon', sig)).toBe('invalid');
    now += 61_000;
    expect(signer.verify('a.myshopify.com', 'result', 'res_1', exp, sig)).toBe('expired');
  });
});

describe('shop and host', () => {
  it('accepts only *.myshopify.com shops and hosts of that shop', () => {
    for (const good of ['my-shop.myshopify.com', 'a1.myshopify.com']) expect(isShopDomain(good)).toBe(true);
    for (const bad of ['My-Shop.myshopify.com', 'shop.myshopify.com.evil.com', 'evil.com', '-x.myshopify.com', 'a.myshopify.com/admin', '', 42]) expect(isShopDomain(bad)).toBe(false);
    const host = Buffer.from('admin.shopify.com/store/my-shop').toString('base64url');
    expect(isHostFor(host, 'my-shop.myshopify.com')).toBe(true);
    expect(isHostFor(Buffer.from('my-shop.myshopify.com/admin').toString('base64'), 'my-shop.myshopify.com')).toBe(true);
    expect(isHostFor(host, 'other.myshopify.com')).toBe(false);
    expect(isHostFor('not base64 !', 'my-shop.myshopify.com')).toBe(false);
    expect(isHostFor(undefined, 'my-shop.myshopify.com')).toBe(false);
    expect(shopFromDest('https://my-shop.myshopify.com')).toBe('my-shop.myshopify.com');
    expect(shopFromDest('http://my-shop.myshopify.com')).toBeNull();
    expect(shopFromDest('https://evil.example.com')).toBeNull();
    expect(shopFromDest('nonsense')).toBeNull();
  });
});
