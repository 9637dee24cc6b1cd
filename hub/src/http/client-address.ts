import net from 'node:net';
import type { AppContext } from '../context.js';

/** Addresses a reverse proxy in front of the hub usually has: loopback and private ranges. */
const PROXY_RANGES = new net.BlockList();
PROXY_RANGES.addSubnet('127.0.0.0', 8, 'ipv4');
PROXY_RANGES.addSubnet('10.0.0.0', 8, 'ipv4');
PROXY_RANGES.addSubnet('172.16.0.0', 12, 'ipv4');
PROXY_RANGES.addSubnet('192.168.0.0', 16, 'ipv4');
PROXY_RANGES.addSubnet('100.64.0.0', 10, 'ipv4');
PROXY_RANGES.addAddress('::1', 'ipv6');
PROXY_RANGES.addSubnet('fc00::', 7, 'ipv6');

function fromProxyRange(address: string): boolean {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const family = net.isIP(plain);
  return family !== 0 && PROXY_RANGES.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}

let warned = false;

/**
 * Who is asking, for the sign-in and sign-up throttles. With TRUST_PROXY it is the address Koa takes
 * from X-Forwarded-For. Without it, a request that carries X-Forwarded-For from a loopback or private
 * peer comes through a proxy nobody told the hub to trust: counted by the peer alone, every user
 * behind it would share one budget (one stranger could exhaust it for all). So the address that proxy
 * appended last (the one it saw) is added to the peer's: a client can vary only the entries before
 * it, and from a public peer the header is ignored. A warning says once to set TRUST_PROXY.
 */
export function clientAddress(ctx: AppContext): string {
  const peer = ctx.req.socket.remoteAddress ?? '';
  if (ctx.app.proxy) return ctx.ip || peer;
  const forwarded = ctx.get('X-Forwarded-For');
  if (!forwarded || !fromProxyRange(peer)) return peer;
  const last = forwarded.split(',').at(-1)!.trim();
  if (net.isIP(last) === 0) return peer;
  if (!warned) {
    warned = true;
    ctx.state.log.warn(
      { peer },
      'requests arrive through a proxy (X-Forwarded-For) but TRUST_PROXY is off: client addresses, https and rate limits per address are guessed; set TRUST_PROXY=true',
    );
  }
  return `${peer}>${last}`;
}
