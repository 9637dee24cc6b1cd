import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { invalidParameter } from '../errors.js';

/**
 * Server-side request forgery guard for URLs that users give the hub (webhook endpoints, seller
 * endpoints): only public unicast addresses may be reached. It is enforced where the socket is
 * opened — the agents below check IP literals and resolve names through a lookup that refuses
 * forbidden addresses — so a name that resolved to a public address when it was registered and to
 * 127.0.0.1 later (DNS rebinding) is still refused. `checkUrl` gives the same answer up front, for a
 * 422 at registration.
 *
 * Usage: `guard.checkUrl(url)` to validate; `guard.httpAgent` / `guard.httpsAgent` on every request
 * (axios: `{ httpAgent, httpsAgent, maxRedirects: 0 }`; node:http: `{ agent }`).
 */
export interface SsrfGuardOptions {
  /** Operator switch (`WEBHOOKS_ALLOW_PRIVATE`): skip the address checks (local development, tests). */
  allowPrivate?: boolean;
  /** Name resolution (default: the system resolver, every address). Tests inject names that cannot resolve here. */
  resolve?: Resolver;
}

export type Resolver = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

/** A URL or address the guard refuses; `reason` is written for the user who supplied the URL. */
export class BlockedUrlError extends Error {
  readonly code = 'ERR_SSRF_BLOCKED';
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'BlockedUrlError';
  }
}

const MAX_URL_LENGTH = 2048;

/** Ranges no user-supplied URL may reach, with the reason shown. IPv4-mapped IPv6 forms match the IPv4 rules. */
const FORBIDDEN: Array<[string, number, 'ipv4' | 'ipv6', string]> = [
  ['0.0.0.0', 8, 'ipv4', 'a "this network" address'],
  ['10.0.0.0', 8, 'ipv4', 'a private address'],
  ['100.64.0.0', 10, 'ipv4', 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback address'],
  ['169.254.0.0', 16, 'ipv4', 'a link-local address (cloud metadata lives here)'],
  ['172.16.0.0', 12, 'ipv4', 'a private address'],
  ['192.0.0.0', 24, 'ipv4', 'an IETF protocol address'],
  ['192.0.2.0', 24, 'ipv4', 'a documentation address'],
  ['192.88.99.0', 24, 'ipv4', 'a 6to4 relay address'],
  ['192.168.0.0', 16, 'ipv4', 'a private address'],
  ['198.18.0.0', 15, 'ipv4', 'a benchmarking address'],
  ['198.51.100.0', 24, 'ipv4', 'a documentation address'],
  ['203.0.113.0', 24, 'ipv4', 'a documentation address'],
  ['224.0.0.0', 4, 'ipv4', 'a multicast address'],
  ['240.0.0.0', 4, 'ipv4', 'a reserved or broadcast address'],
  ['::', 128, 'ipv6', 'the unspecified address'],
  ['::1', 128, 'ipv6', 'a loopback address'],
  ['::', 96, 'ipv6', 'an IPv4-compatible address'],
  ['100::', 64, 'ipv6', 'a discard-only address'],
  ['2001::', 32, 'ipv6', 'a Teredo address'],
  ['2001:db8::', 32, 'ipv6', 'a documentation address'],
  ['fc00::', 7, 'ipv6', 'a unique local (private) address'],
  ['fe80::', 10, 'ipv6', 'a link-local address'],
  ['fec0::', 10, 'ipv6', 'a site-local address'],
  ['ff00::', 8, 'ipv6', 'a multicast address'],
];

const blockLists = FORBIDDEN.map(([network, prefix, family, reason]) => {
  const list = new net.BlockList();
  list.addSubnet(network, prefix, family);
  return { list, reason };
});

/** IPv6 prefixes that embed an IPv4 address in their last 32 bits (NAT64, 6to4 in bits 16–47). */
function embeddedIpv4(address: string): string | undefined {
  const words = ipv6Words(address);
  if (!words) return undefined;
  const v4 = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  if (words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((word) => word === 0)) return v4(words[6]!, words[7]!);
  if (words[0] === 0x2002) return v4(words[1]!, words[2]!);
  return undefined;
}

/** The eight 16-bit words of an IPv6 address (with `::` and a trailing dotted quad expanded). */
function ipv6Words(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((word) => parseInt(word, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const words = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  return words.length === 8 && words.every((word) => Number.isInteger(word) && word >= 0 && word <= 0xffff) ? words : undefined;
}

/** Why an IP address may not be reached, or undefined for a public unicast address. */
export function forbiddenAddressReason(address: string): string | undefined {
  const plain = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = net.isIP(plain);
  if (family === 0) return 'not an IP address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const { list, reason } of blockLists) if (list.check(plain, type)) return reason;
  const inner = family === 6 ? embeddedIpv4(plain) : undefined;
  return inner ? forbiddenAddressReason(inner) : undefined;
}

type ConnectionCallback = (error: Error | null, socket: Duplex) => void;
type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * An agent class whose connections to a refused IP literal fail before any socket opens; the refusal
 * goes through the callback, so the request emits 'error'.
 */
function refusingLiterals(Base: new (options: https.AgentOptions) => http.Agent, refuse: (host: string | null | undefined) => BlockedUrlError | undefined) {
  return class extends Base {
    override createConnection(connection: http.ClientRequestArgs, callback?: ConnectionCallback) {
      const refusal = refuse(connection.host ?? connection.hostname);
      if (!refusal) return super.createConnection(connection, callback);
      callback?.(refusal, undefined as never);
      return undefined as never;
    }
  };
}

const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

export class SsrfGuard {
  readonly allowPrivate: boolean;
  /** Agents for outbound requests to user-supplied URLs; every connection they open is checked. */
  readonly httpAgent: http.Agent;
  readonly httpsAgent: https.Agent;
  private readonly resolve: Resolver;

  constructor(options: SsrfGuardOptions = {}) {
    this.allowPrivate = options.allowPrivate ?? false;
    this.resolve = options.resolve ?? systemResolver;
    const refuse = (host: string | null | undefined) => this.literalRefusal(host);
    const agentOptions = { keepAlive: false, lookup: this.lookup };
    this.httpAgent = new (refusingLiterals(http.Agent, refuse))(agentOptions);
    this.httpsAgent = new (refusingLiterals(https.Agent, refuse))(agentOptions) as https.Agent;
  }

  /**
   * A `dns.lookup`-compatible function (for `net.connect`, agents, axios `lookup`) that refuses a name
   * when any of its addresses is forbidden. Node skips `lookup` for IP literals: the agents check those.
   */
  readonly lookup = (hostname: string, options: dns.LookupOptions | number | LookupCallback, callback?: LookupCallback): void => {
    const done = (typeof options === 'function' ? options : callback)!;
    const wanted = typeof options === 'object' ? options : {};
    const family = wanted.family === 'IPv4' ? 4 : wanted.family === 'IPv6' ? 6 : wanted.family;
    this.addressesOf(hostname, family).then(
      (addresses) => {
        if (wanted.all) done(null, addresses);
        else done(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => done(error, wanted.all ? [] : ''),
    );
  };

  /**
   * Validates a user-supplied URL: http(s), no credentials, and (unless private targets are allowed)
   * a host whose every address is public. Throws BlockedUrlError with the reason. A name that does not
   * resolve is refused too, unless `allowUnresolved` (per-request URLs, where a DNS hiccup should not
   * refuse the request: every connection resolves and checks the name again anyway).
   */
  async checkUrl(text: string, options: { allowUnresolved?: boolean } = {}): Promise<URL> {
    if (text.length > MAX_URL_LENGTH) throw new BlockedUrlError(`must be at most ${MAX_URL_LENGTH} characters`);
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new BlockedUrlError('is not a valid absolute URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BlockedUrlError('must use http or https');
    if (url.username || url.password) throw new BlockedUrlError('must not carry credentials (sign with the webhook secret instead)');
    if (!url.hostname) throw new BlockedUrlError('has no host');
    // With private targets allowed there is nothing to check by address (and no need to resolve now).
    if (this.allowPrivate) return url;
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    try {
      await this.addressesOf(hostname);
    } catch (error) {
      if (error instanceof BlockedUrlError) throw error;
      if (!options.allowUnresolved) throw new BlockedUrlError(`host ${hostname} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'lookup failed'})`);
    }
    return url;
  }

  /** The refusal of an IP-literal host (names are checked by `lookup`). */
  private literalRefusal(host: string | null | undefined): BlockedUrlError | undefined {
    if (this.allowPrivate || !host) return undefined;
    const plain = host.replace(/^\[|\]$/g, '');
    if (net.isIP(plain) === 0) return undefined;
    const reason = forbiddenAddressReason(plain);
    return reason ? new BlockedUrlError(`${plain} is ${reason}`) : undefined;
  }

  /** The addresses a connection may use: BlockedUrlError for a forbidden one, the DNS error when there is none. */
  private async addressesOf(hostname: string, family?: number): Promise<Array<{ address: string; family: number }>> {
    if (net.isIP(hostname)) {
      const refusal = this.literalRefusal(hostname);
      if (refusal) throw refusal;
      return [{ address: hostname, family: net.isIP(hostname) }];
    }
    let addresses = await this.resolve(hostname);
    if (family === 4 || family === 6) addresses = addresses.filter((entry) => entry.family === family);
    if (addresses.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    if (!this.allowPrivate) {
      for (const { address } of addresses) {
        const reason = forbiddenAddressReason(address);
        if (reason) throw new BlockedUrlError(`host ${hostname} resolves to ${address}, ${reason}`);
      }
    }
    return addresses;
  }
}

/** `guard.checkUrl` for a request field: the URL as normalised, or 422 `invalid_parameter` naming `field` with the reason. */
export async function checkUrlField(guard: SsrfGuard, url: string, field: string, options: { allowUnresolved?: boolean } = {}): Promise<string> {
  try {
    return (await guard.checkUrl(url, options)).toString();
  } catch (error) {
    if (error instanceof BlockedUrlError) throw invalidParameter(field, error.reason);
    throw error;
  }
}
