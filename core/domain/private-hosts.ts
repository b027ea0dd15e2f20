import { BlockList, isIP } from 'node:net';

/** Loopback, private, link-local and unspecified ranges: what a server-side connection must not be steered to. */
const privateRanges = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  privateRanges.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  privateRanges.addSubnet(network, prefix, 'ipv6');

/**
 * Whether a host name or address names this machine or a private network (no SSRF through an
 * inbox's mail servers). Names are judged as written: `localhost` and `*.localhost`, `*.local`,
 * `*.internal` and single-label names; DNS answers are not checked (a known limit).
 */
export function isPrivateHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  const family = isIP(name);
  if (family) return privateRanges.check(name, family === 6 ? 'ipv6' : 'ipv4');
  return name === 'localhost' || /\.(localhost|local|internal)$/.test(name) || !name.includes('.');
}
