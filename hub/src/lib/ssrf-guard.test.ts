import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import axios from 'axios';
import { BlockedUrlError, SsrfGuard, forbiddenAddressReason, type Resolver } from './ssrf-guard.js';

/** Names this machine cannot resolve (no DNS here), answered by a table. */
const table = (entries: Record<string, string[]>): Resolver => async (hostname) => {
  const addresses = entries[hostname];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

const reasonOf = async (guard: SsrfGuard, url: string) => {
  const outcome = await guard.checkUrl(url).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (outcome === undefined) return undefined;
  if (!(outcome instanceof BlockedUrlError)) throw outcome;
  return outcome.reason;
};

describe('forbiddenAddressReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'this network'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fd00::1', 'unique local'],
    ['fc12:3456::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:10.1.2.3', 'private'],
    ['64:ff9b::a00:1', 'private'],
    ['2002:c0a8:0101::1', 'private'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(forbiddenAddressReason(address)).toContain(kind);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:93.184.216.34', '64:ff9b::808:808'])(
    'allows the public address %s',
    (address) => {
      expect(forbiddenAddressReason(address)).toBeUndefined();
    },
  );
});

describe('SsrfGuard.checkUrl', () => {
  const guard = new SsrfGuard({
    resolve: table({
      'hooks.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
      'internal.example.com': ['10.0.0.1'],
      'mixed.example.com': ['93.184.216.34', '192.168.0.10'],
      'v6-local.example.com': ['fd12::1'],
    }),
  });

  it.each([
    ['http://127.0.0.1:8080/hook', 'loopback'],
    ['http://[::1]/hook', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://017700000001/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://169.254.169.254/latest/meta-data', 'link-local'],
    ['http://[fd00::5]/', 'unique local'],
    ['http://100.100.100.200/', 'carrier-grade NAT'],
    ['http://internal.example.com/hook', 'resolves to 10.0.0.1'],
    ['http://mixed.example.com/hook', 'resolves to 192.168.0.10'],
    ['https://v6-local.example.com/', 'resolves to fd12::1'],
    ['ftp://hooks.example.com/', 'http or https'],
    ['file:///etc/passwd', 'http or https'],
    ['https://user:pass@hooks.example.com/', 'credentials'],
    ['not a url', 'valid absolute URL'],
    [`https://hooks.example.com/${'a'.repeat(2100)}`, 'at most 2048'],
    ['http://nowhere.invalid/', 'does not resolve (ENOTFOUND)'],
  ])('refuses %s', async (url, reason) => {
    expect(await reasonOf(guard, url)).toContain(reason);
  });

  it('resolves names with the system resolver by default (localhost is loopback)', async () => {
    expect(await reasonOf(new SsrfGuard(), 'http://localhost:3000/')).toMatch(/resolves to (127\.0\.0\.1|::1), a loopback address/);
  });

  it('accepts a public https URL; a name that does not resolve only when asked to (connections check it again)', async () => {
    await expect(guard.checkUrl('https://hooks.example.com/pixport?x=1')).resolves.toBeInstanceOf(URL);
    await expect(guard.checkUrl('https://nowhere.invalid/hook', { allowUnresolved: true })).resolves.toBeInstanceOf(URL);
    expect(await reasonOf(guard, 'http://internal.example.com/')).toContain('10.0.0.1');
    await expect(guard.checkUrl('http://internal.example.com/', { allowUnresolved: true })).rejects.toBeInstanceOf(BlockedUrlError);
  });

  it('skips address checks when private targets are allowed, but still wants http(s)', async () => {
    const open = new SsrfGuard({ allowPrivate: true });
    await expect(open.checkUrl('http://127.0.0.1:9/')).resolves.toBeInstanceOf(URL);
    expect(await reasonOf(open, 'gopher://127.0.0.1/')).toContain('http or https');
  });
});

describe('SsrfGuard agents (checked when the socket opens)', () => {
  let server: http.Server;
  let port: number;
  let hits = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      hits += 1;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: { cause?: unknown; code?: string }) => error);

  it('refuses an IP literal that Node would connect to without a lookup', async () => {
    const guard = new SsrfGuard();
    const before = hits;
    const error = await failure(axios.get(`http://127.0.0.1:${port}/`, { httpAgent: guard.httpAgent, proxy: false }));
    expect(error).toMatchObject({ code: 'ERR_SSRF_BLOCKED' });
    expect(hits).toBe(before);
  });

  it('refuses a name that rebinds to loopback after passing the check (DNS rebinding)', async () => {
    let calls = 0;
    const guard = new SsrfGuard({
      resolve: async () => [{ address: calls++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }],
    });
    await expect(guard.checkUrl(`http://rebind.example.com:${port}/`)).resolves.toBeInstanceOf(URL);
    const before = hits;
    const error = await failure(axios.get(`http://rebind.example.com:${port}/`, { httpAgent: guard.httpAgent, proxy: false }));
    expect(error).toMatchObject({ code: 'ERR_SSRF_BLOCKED' });
    expect(String((error as Error).message)).toContain('127.0.0.1');
    expect(hits).toBe(before);
  });

  it('refuses over https too, before any TLS handshake', async () => {
    const guard = new SsrfGuard();
    const error = await failure(axios.get(`https://[::1]:${port}/`, { httpsAgent: guard.httpsAgent, proxy: false }));
    expect(error).toMatchObject({ code: 'ERR_SSRF_BLOCKED' });
  });

  it('passes a resolution failure through as the DNS error, not as a refusal', async () => {
    const guard = new SsrfGuard({ resolve: async () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND gone.example'), { code: 'ENOTFOUND' })) });
    const error = await failure(axios.get('http://gone.example/', { httpAgent: guard.httpAgent, proxy: false }));
    expect(error).toMatchObject({ code: 'ENOTFOUND' });
  });

  it('connects when the operator allows private targets, resolving names through the guard', async () => {
    const guard = new SsrfGuard({ allowPrivate: true });
    const before = hits;
    const answer = await axios.get(`http://localhost:${port}/`, { httpAgent: guard.httpAgent, proxy: false });
    expect(answer.data).toBe('ok');
    expect(hits).toBe(before + 1);
  });
});
