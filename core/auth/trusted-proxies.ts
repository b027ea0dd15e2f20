import { BlockList, isIP } from 'node:net';

/** Loopback only: the console's web server on the same host. */
export const defaultTrustedProxies = ['127.0.0.0/8', '::1/128'];

/** An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) is its IPv4 address. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(trimmed);
  return mapped ? mapped[1] : trimmed;
}

/** Parses `TRUSTED_PROXIES` entries (CIDRs or single addresses); throws naming the first bad one. */
export function parseTrustedProxies(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefixText, ...rest] = entry.trim().split('/');
    const family = isIP(address);
    const prefix = prefixText === undefined ? (family === 6 ? 128 : 32) : Number(prefixText);
    const maxPrefix = family === 6 ? 128 : 32;
    if (!family || rest.length || !Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an address or CIDR (e.g. 10.0.0.0/8, ::1)`);
    }
    list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}

export function isTrustedProxy(list: BlockList, address: string): boolean {
  const ip = normaliseAddress(address);
  const family = isIP(ip);
  return family !== 0 && list.check(ip, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client behind a chain of proxies: walking X-Forwarded-For from the right (the hop nearest to
 * us), skip addresses of trusted proxies; the first one that is not is the client. Entries further
 * left were written by the client itself or by untrusted hops, so they are never believed. A peer
 * that is not a trusted proxy is the client, whatever header it sends.
 */
export function resolveClientAddress(list: BlockList, peer: string | undefined, forwardedFor: string | undefined): string {
  // No socket: an in-process request (tests, server-side rendering), which is as trusted as loopback.
  if (peer !== undefined && !isTrustedProxy(list, peer)) return normaliseAddress(peer);
  const hops = (forwardedFor ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (i === 0 || !isTrustedProxy(list, hops[i])) return normaliseAddress(hops[i]);
  }
  return peer !== undefined ? normaliseAddress(peer) : 'unknown';
}
